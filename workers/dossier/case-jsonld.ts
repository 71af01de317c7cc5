// case.jsonld: the case in CASE/UCO 1.x JSON-LD, streamed: the Investigation, each evidence item as a
// ProvenanceRecord of its File (with its SHA-256), the unpacking and hashing of it as an InvestigativeAction,
// and every file found as a File with a FileFacet and a ContentDataFacet (MD5, SHA-1, SHA-256).
import type { Queryable } from '../../storage/db.ts';
import { dossierDataRepo, type DossierItemRow } from '../../storage/repositories/dossier-data.repository.ts';
import type { DossierFacts } from './facts.ts';
import type { FileSink } from './file-sink.ts';

const PAGE = 2000;
const CASE_CONTEXT = {
  'case-investigation': 'https://ontology.caseontology.org/case/investigation/',
  'uco-action': 'https://ontology.unifiedcyberontology.org/uco/action/',
  'uco-core': 'https://ontology.unifiedcyberontology.org/uco/core/',
  'uco-observable': 'https://ontology.unifiedcyberontology.org/uco/observable/',
  'uco-tool': 'https://ontology.unifiedcyberontology.org/uco/tool/',
  'uco-types': 'https://ontology.unifiedcyberontology.org/uco/types/',
  'uco-vocabulary': 'https://ontology.unifiedcyberontology.org/uco/vocabulary/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};

type Node = Record<string, unknown>;
const ref = (id: string) => ({ '@id': id });
const integer = (v: number) => ({ '@type': 'xsd:integer', '@value': String(v) });
const dateTime = (d: Date) => ({ '@type': 'xsd:dateTime', '@value': new Date(d).toISOString() });

function hashes(id: string, values: Array<[string, string | null]>): Node[] {
  return values
    .filter(([, v]) => v !== null)
    .map(([method, value]) => ({
      '@id': `${id}-${method.toLowerCase()}`,
      '@type': 'uco-types:Hash',
      'uco-types:hashMethod': { '@type': 'uco-vocabulary:HashNameVocab', '@value': method },
      'uco-types:hashValue': { '@type': 'xsd:hexBinary', '@value': value },
    }));
}

function fileNode(
  id: string,
  f: { name: string; path?: string; size: number | null; mime?: string | null },
  h: Node[],
) {
  const fileFacet: Node = {
    '@id': `${id}-file`,
    '@type': 'uco-observable:FileFacet',
    'uco-observable:fileName': f.name,
  };
  if (f.path !== undefined) fileFacet['uco-observable:filePath'] = f.path;
  if (f.size !== null) fileFacet['uco-observable:sizeInBytes'] = integer(f.size);
  const facets: Node[] = [fileFacet];
  if (h.length > 0) {
    const content: Node = {
      '@id': `${id}-content`,
      '@type': 'uco-observable:ContentDataFacet',
      'uco-observable:hash': h,
    };
    if (f.size !== null) content['uco-observable:sizeInBytes'] = integer(f.size);
    if (f.mime) content['uco-observable:mimeType'] = f.mime;
    facets.push(content);
  }
  return { '@id': id, '@type': 'uco-observable:File', 'uco-core:hasFacet': facets };
}

const itemId = (r: { id: number }) => `kb:file-${r.id}`;

function itemNode(r: DossierItemRow): Node {
  const id = itemId(r);
  const name = r.source_path.split(/[/\\!]/).pop() || r.source_path;
  const h = hashes(id, [
    ['MD5', r.md5],
    ['SHA1', r.sha1],
    ['SHA256', r.sha256],
  ]);
  return fileNode(id, { name, path: r.source_path, size: r.size, mime: r.mime }, h);
}

function headNodes(f: DossierFacts): Node[] {
  const nodes: Node[] = [
    {
      '@id': 'kb:investigation',
      '@type': 'case-investigation:Investigation',
      'uco-core:name': f.case.number,
      'uco-core:description': f.case.title,
      'case-investigation:focus': ['TBKK'],
      'uco-core:object': f.evidence.flatMap((e) => [ref(`kb:provenance-${e.id}`), ref(`kb:action-unpack-${e.id}`)]),
    },
    { '@id': 'kb:tool-spoor', '@type': 'uco-tool:Tool', 'uco-core:name': 'Spoor', 'uco-tool:version': '0.1.0' },
  ];
  for (const e of f.evidence) {
    const id = `kb:evidence-${e.id}`;
    nodes.push({
      '@id': `kb:provenance-${e.id}`,
      '@type': 'case-investigation:ProvenanceRecord',
      'case-investigation:exhibitNumber': e.original_name,
      'uco-core:description': `Geüpload door ${e.uploaded_by_name}`,
      'uco-core:object': [ref(id)],
    });
    nodes.push(fileNode(id, { name: e.original_name, size: e.size }, hashes(id, [['SHA256', e.sha256]])));
  }
  return nodes;
}

/** The unpacking of one evidence item: its input, the tool, and every file it produced (streamed ids). */
async function writeAction(db: Queryable, out: FileSink, e: DossierFacts['evidence'][number]): Promise<void> {
  const head = JSON.stringify({
    '@id': `kb:action-unpack-${e.id}`,
    '@type': 'case-investigation:InvestigativeAction',
    'uco-core:name': 'uitpakken en hashen',
    'uco-action:startTime': dateTime(e.uploaded_at),
    'uco-action:instrument': ref('kb:tool-spoor'),
    'uco-action:object': [ref(`kb:provenance-${e.id}`)],
  });
  await out.write(`,\n${head.slice(0, -1)},"uco-action:result":[`);
  let first = true;
  for (let after = 0; ;) {
    const ids = await dossierDataRepo(db).evidenceItemIds(e.id, after, PAGE);
    if (ids.length === 0) break;
    await out.write((first ? '' : ',') + ids.map((id) => JSON.stringify(ref(itemId({ id })))).join(','));
    first = false;
    after = ids[ids.length - 1]!;
  }
  await out.write(']}');
}

export async function writeCaseJsonLd(db: Queryable, out: FileSink, f: DossierFacts, tick: (n: number) => void) {
  const context = { ...CASE_CONTEXT, kb: `urn:spoor:case:${f.case.id}:` };
  await out.write(`{"@context":${JSON.stringify(context)},\n"@graph":[\n`);
  await out.write(
    headNodes(f)
      .map((n) => JSON.stringify(n))
      .join(',\n'),
  );
  for (const e of f.evidence) await writeAction(db, out, e);
  for (let after = 0; ;) {
    const rows = await dossierDataRepo(db).itemPage(f.case.id, after, PAGE);
    if (rows.length === 0) break;
    for (const r of rows) await out.write(`,\n${JSON.stringify(itemNode(r))}`);
    tick(rows.length);
    after = rows[rows.length - 1]!.id;
  }
  await out.write('\n]}\n');
}
