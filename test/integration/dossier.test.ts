// The dossier for the prosecutor (issue 13) through the real app, queue, workers and CLI: a generated case with
// duplicates, a near-duplicate, hash-set and manual categories and unprocessable files. The figures in the PDF text,
// items.csv, the CLI's JSON and the database agree; the folder checks with sha256sum and `spoor dossier verify`,
// and fails on one changed byte, an added or a removed file; two generations are byte-identical; need-to-know holds.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip } from '../fixtures/hostile-export.ts';
import { scenePhoto } from '../fixtures/photos.ts';
import { vicsStream } from '../fixtures/vics-generator.ts';
import { hashBuffer } from '../../workers/hashing/multi-hash.ts';
import { verifyDossier } from '../../workers/dossier/verify.ts';
import { SAFE_THUMBNAIL_SIZE } from '../../workers/imaging/safe-thumbnail.ts';
import { findDossierPublicKey } from '../../storage/dossier-keys.ts';
import { startWorkers, uploadEvidence, waitForEvidence } from './helpers/ingest.ts';
import { runCli } from './helpers/process.ts';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';
import { extractZip, parseCsv, waitForDossier } from './helpers/dossier.ts';

const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;
let env: TestEnv;
let tmp: string;
let caseId: string;
const cookies: Record<string, string> = {};
const api = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown, headers = {}) =>
  env.app.inject({ method, url, headers: { cookie: cookies[who]!, ...headers }, payload: payload as never });
const cli = (...args: string[]) => runCli(args, { DATABASE_URL: env.databaseUrl, SPOOR_DATA_DIR: env.dataDir });

async function importSet(files: Buffer[]) {
  const fields = [
    { MD5: hashBuffer(files[0]!).md5, Category: 1 },
    { MD5: hashBuffer(files[2]!).md5, Category: 2, Series: 'Reeks-Noord', VictimIdentified: true },
  ];
  const body = await buffer(vicsStream({ version: '2.0', fields, records: fields.length, seed: 3 }));
  const url = `/api/hashsets/import?name=${encodeURIComponent('Landelijk')}&version=7`;
  const started = await api('lead', 'POST', url, body, { 'content-type': 'application/octet-stream' });
  expect(started.statusCode, started.body).toBe(202);
  for (;;) {
    const progress = (await api('lead', 'GET', `/api/hashsets/imports/${started.json().importId}`)).json();
    if (progress.status !== 'running') return expect(progress.status).toBe('done');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function settle(n: number) {
  const q =
    "SELECT count(*)::int AS n FROM case_media WHERE case_id = $1 AND source = 'hashset' AND category IS NOT NULL";
  for (let i = 0; (await env.runtime.pool.query(q, [caseId])).rows[0].n < n; i++) {
    if (i > 300) throw new Error('hash-set categories did not arrive');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  env = await createTestEnv();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-dossier-'));
  await startWorkers(env);
  await addUser(env, 'lead', 'Amsterdam', 'lead');
  await addUser(env, 'ana', 'Amsterdam', 'analyst');
  await addUser(env, 'ovj', 'Amsterdam', 'prosecutor');
  await addUser(env, 'outsider', 'Rotterdam', 'analyst');
  for (const u of ['lead', 'ana', 'ovj', 'outsider']) cookies[u] = await login(env, u);
  const photos = await Promise.all([0, 1, 2, 3, 4].map((i) => scenePhoto(900 + i, 320, 240)));
  await importSet(photos);
  caseId = (await api('ana', 'POST', '/api/cases', { number: 'DOS-1', title: 'Dossierzaak' })).json().id;
  expect((await api('lead', 'POST', `/api/cases/${caseId}/members`, { username: 'ovj' })).statusCode).toBe(200);
  const nearCopy = await sharp(photos[1]!).resize(300, 225).jpeg({ quality: 70 }).toBuffer();
  const zip = buildZip([
    ...photos.map((data, i) => ({ name: `dcim/${i}.jpg`, data })),
    { name: 'kopie/0.jpg', data: photos[0]! }, // exact duplicates
    { name: 'kopie/0-bis.jpg', data: photos[0]! },
    { name: 'kopie/1-klein.jpg', data: nearCopy }, // a near-duplicate
    { name: 'kapot.jpg', data: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 7)]) },
    { name: 'leeg.jpg', data: Buffer.alloc(0) },
  ]);
  const upload = await uploadEvidence(env, cookies.ana!, caseId, 'telefoon.zip', zip);
  expect(upload.statusCode, upload.body).toBe(201);
  await waitForEvidence(env, upload.json().id);
  await settle(2);
  const manual = { sha256s: [hashBuffer(photos[3]!).sha256], category: '1', scheme: 'vics2' };
  expect((await api('ana', 'POST', `/api/cases/${caseId}/media/categorise`, manual)).statusCode).toBe(200);
}, 180_000);

afterAll(async () => {
  await env?.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('need-to-know', () => {
  it('a prosecutor member may list but not generate; an outsider gets 404 for everything', async () => {
    expect((await api('ovj', 'POST', `/api/cases/${caseId}/dossiers`, {})).statusCode).toBe(403);
    expect((await api('ovj', 'GET', `/api/cases/${caseId}/dossiers`)).statusCode).toBe(200);
    expect((await api('outsider', 'POST', `/api/cases/${caseId}/dossiers`, {})).statusCode).toBe(404);
    expect((await api('outsider', 'GET', `/api/cases/${caseId}/dossiers`)).statusCode).toBe(404);
    expect((await api('outsider', 'GET', `/api/cases/${caseId}/dossiers/key`)).statusCode).toBe(404);
  });
});

describe('a generated dossier', () => {
  let folder: string;
  let zipBytes: Buffer;
  let dossierId: string;

  it('is made by a job an analyst starts, and a prosecutor member downloads it as a zip (both audited)', async () => {
    const started = await api('ana', 'POST', `/api/cases/${caseId}/dossiers`, {});
    expect(started.statusCode, started.body).toBe(202);
    const job = await waitForDossier(api, caseId, started.json().jobId);
    expect(job.status, JSON.stringify(job)).toBe('done');
    dossierId = job.dossier.id;
    const list = (await api('ovj', 'GET', `/api/cases/${caseId}/dossiers`)).json();
    expect(list[0]).toMatchObject({ jobId: started.json().jobId, createdBy: 'ana', dossier: { id: dossierId } });
    const zip = await api('ovj', 'GET', `/api/cases/${caseId}/dossiers/${dossierId}/zip`);
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    zipBytes = zip.rawPayload;
    folder = path.join(tmp, 'api');
    await extractZip(zipBytes, folder);
    expect((await fs.readdir(folder)).sort()).toEqual(
      ['case.jsonld', 'dossier.pdf', 'items.csv', 'manifest.sha256', 'manifest.sig', 'vics.json'].sort(),
    );
    const actions = (
      await env.runtime.pool.query('SELECT action, actor_name FROM audit_log WHERE case_id = $1 ORDER BY id', [caseId])
    ).rows.filter((r) => r.action.startsWith('dossier.'));
    expect(actions).toEqual([
      { action: 'dossier.request', actor_name: 'ana' },
      { action: 'dossier.generate', actor_name: 'ana' },
      { action: 'dossier.download', actor_name: 'ovj' },
    ]);
  }, 120_000);

  it('checks with sha256sum -c and with `spoor dossier verify` (folder and zip), and the UI check agrees', async () => {
    execFileSync('sha256sum', ['-c', '--strict', 'manifest.sha256'], { cwd: folder });
    const zipFile = path.join(tmp, 'dossier.zip');
    await fs.writeFile(zipFile, zipBytes);
    for (const target of [folder, zipFile]) {
      const run = cli('dossier', 'verify', target);
      expect(run.status, run.stderr).toBe(0);
    }
    const upload = await api('ovj', 'POST', '/api/dossiers/verify', zipBytes, { 'content-type': 'application/zip' });
    expect(upload.json()).toMatchObject({ ok: true, files: 4, unit: 'AM' });
  }, 60_000);

  it('fails verification with exit 3 on one changed byte, an added file or a removed file', async () => {
    for (const [name, spoil] of [
      ['changed', (dir: string) => flipByte(path.join(dir, 'items.csv'))],
      ['added', (dir: string) => fs.writeFile(path.join(dir, 'extra.txt'), 'x')],
      ['removed', (dir: string) => fs.rm(path.join(dir, 'vics.json'))],
      ['resigned', (dir: string) => flipByte(path.join(dir, 'manifest.sha256'))],
    ] as const) {
      const copy = path.join(tmp, `spoiled-${name}`);
      await fs.cp(folder, copy, { recursive: true });
      await spoil(copy);
      const run = cli('dossier', 'verify', copy);
      expect(run.status, `${name}: ${run.stderr}`).toBe(3);
    }
    const trusted = (unit: string) => findDossierPublicKey(env.config.dossier.keyDir, unit);
    expect(await verifyDossier(folder, trusted)).toMatchObject({ ok: true });
  }, 60_000);

  it('is reproduced byte for byte by a second generation (the CLI), whose JSON counts agree with the CSV and the DB', async () => {
    const out = path.join(tmp, 'cli');
    const run = cli('dossier', '--case', 'DOS-1', '--out', out, '--json');
    expect(run.status, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout);
    for (const name of await fs.readdir(folder)) {
      expect(
        Buffer.compare(await fs.readFile(path.join(out, name)), await fs.readFile(path.join(folder, name))),
        name,
      ).toBe(0);
    }
    const c = printed.counts;
    expect(c).toMatchObject({ files: 10, uncategorised: 3, errors: 2 });
    expect(c.byCategory).toEqual({
      '1': { unique: 2, files: 4, known: 3, videos: 0 },
      '2': { unique: 1, files: 1, known: 1, videos: 0 },
    });
    expect(c.uncategorisedVideos).toBe(0);
    const rows = parseCsv(await fs.readFile(path.join(out, 'items.csv'), 'utf8'));
    expect(rows).toHaveLength(c.files);
    expect(rows.filter((r) => r.status === 'error')).toHaveLength(c.errors);
    expect(rows.filter((r) => r.status === 'uncategorised')).toHaveLength(c.uncategorised);
    expect(rows.filter((r) => r.category === '1')).toHaveLength(4);
    expect(rows.filter((r) => r.status === 'error').every((r) => r.error !== '')).toBe(true);
    const db = await env.runtime.pool.query('SELECT count(*)::int AS n FROM items WHERE case_id = $1', [caseId]);
    expect(db.rows[0].n).toBe(c.files);
    expect(printed.files.map((f: { name: string }) => f.name).sort()).toEqual((await fs.readdir(folder)).sort());
  }, 120_000);

  it('describes the case in CASE/UCO JSON-LD whose ids resolve and whose hashes match the database', async () => {
    const doc = JSON.parse(await fs.readFile(path.join(folder, 'case.jsonld'), 'utf8'));
    expect(doc['@context']).toMatchObject({
      'case-investigation': 'https://ontology.caseontology.org/case/investigation/',
      'uco-core': 'https://ontology.unifiedcyberontology.org/uco/core/',
      'uco-observable': 'https://ontology.unifiedcyberontology.org/uco/observable/',
    });
    const { defined, refs } = graphIds(doc['@graph']);
    for (const id of refs) expect(defined.has(id), `reference ${id} resolves`).toBe(true);
    const ofType = (t: string) => [...defined.values()].filter((n) => n['@type'] === t);
    expect(ofType('case-investigation:Investigation')).toHaveLength(1);
    expect(ofType('case-investigation:ProvenanceRecord')).toHaveLength(1);
    expect(ofType('case-investigation:InvestigativeAction')).toHaveLength(1);
    const db = await env.runtime.pool.query(
      `SELECT i.id, b.md5, b.sha1, b.sha256 FROM items i LEFT JOIN blobs b ON b.sha256 = i.blob_sha256
        WHERE i.case_id = $1`,
      [caseId],
    );
    expect(ofType('uco-observable:File')).toHaveLength(db.rows.length + 1); // + the evidence file itself
    for (const row of db.rows) {
      const hashes = Object.fromEntries(
        [...defined.values()]
          .filter((n) => n['@type'] === 'uco-types:Hash' && String(n['@id']).startsWith(`kb:file-${row.id}-`))
          .map((n) => [n['uco-types:hashMethod']['@value'], n['uco-types:hashValue']['@value']]),
      );
      const expected = row.md5 ? { MD5: row.md5, SHA1: row.sha1, SHA256: row.sha256 } : {};
      expect(hashes, `item ${row.id}`).toEqual(expected);
    }
    const vics = JSON.parse(await fs.readFile(path.join(folder, 'vics.json'), 'utf8'));
    expect(vics.value[0].CaseID).toBe(caseId);
    expect(vics.value[0].Media).toHaveLength(new Set(db.rows.filter((r) => r.sha256).map((r) => r.sha256)).size);
  });

  it.skipIf(!hasPoppler)(
    'has a PDF/A with embedded fonts that renders, and its figures agree (needs poppler-utils)',
    async () => {
      const pdf = path.join(folder, 'dossier.pdf');
      expect((await fs.readFile(pdf)).toString('latin1')).toMatch(
        /<pdfaid:part>3<\/pdfaid:part>\s*<pdfaid:conformance>B/,
      );
      const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      for (const line of fonts) expect(line.split(/\s+/).slice(-5, -4)[0], line).toBe('yes');
      execFileSync('pdftoppm', ['-png', '-r', '30', '-f', '1', '-l', '2', pdf, path.join(tmp, 'page')]);
      expect((await fs.stat(path.join(tmp, 'page-1.png'))).size).toBeGreaterThan(1000);
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(text).toMatch(/Bestanden totaal\s+10/);
      expect(text).toMatch(/Niet gecategoriseerd \(bestanden\)\s+3/);
      expect(text).toMatch(/Niet verwerkbaar \(bestanden\)\s+2/);
      expect(text).toMatch(/Categorie 1 totaal\s+2 uniek, 4 bestanden, waarvan 3 bekend/);
      expect(text).toMatch(/bekend uit hashset Landelijk versie 7/);
      expect(text).toContain(
        'Controle: 5 gecategoriseerd + 3 niet gecategoriseerd + 2 niet verwerkbaar = 10 van 10 bestanden.',
      );
    },
    60_000,
  );
  it('adds an annex of chosen thumbnails only when asked: audited, marked on the cover, blurred', async () => {
    const photo = (
      await env.runtime.pool.query(
        "SELECT i.blob_sha256 AS sha FROM items i WHERE i.case_id = $1 AND i.source_path LIKE '%dcim/4.jpg'",
        [caseId],
      )
    ).rows[0].sha as string;
    const outside = 'f'.repeat(64);
    const refused = await api('lead', 'POST', `/api/cases/${caseId}/dossiers`, { annex: [outside] });
    expect(refused.statusCode).toBe(400);
    const started = await api('lead', 'POST', `/api/cases/${caseId}/dossiers`, { annex: [photo] });
    expect(started.statusCode, started.body).toBe(202);
    const job = await waitForDossier(api, caseId, started.json().jobId, 'lead');
    expect(job.status, JSON.stringify(job)).toBe('done');
    const request = await env.runtime.pool.query(
      "SELECT details FROM audit_log WHERE action = 'dossier.request' AND target_id = $1",
      [started.json().jobId],
    );
    expect(request.rows[0].details).toMatchObject({ annex: [photo] });
    const zip = await api('lead', 'GET', `/api/cases/${caseId}/dossiers/${job.dossier.id}/zip`);
    const dir = path.join(tmp, 'annex');
    await extractZip(zip.rawPayload, dir);
    const pdf = await fs.readFile(path.join(dir, 'dossier.pdf'));
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
    // The safe rendition, never the thumbnail itself: small (and greyscale: one colour component).
    const width = Number(/\/Subtype \/Image[^>]*\/Width (\d+)/s.exec(pdf.toString('latin1'))?.[1] ?? NaN);
    expect(width).toBeLessThanOrEqual(SAFE_THUMBNAIL_SIZE);
    const plain = await fs.readFile(path.join(folder, 'dossier.pdf'));
    expect(plain.toString('latin1')).not.toMatch(/\/Subtype \/Image/);
    if (hasPoppler) {
      const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'dossier.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toMatch(/Bijlage met afbeeldingen\s+JA/);
      expect(text).toContain(`SHA-256 ${photo}`);
    }
  }, 120_000);
});

type Node = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every node with an @id and a @type (defined), and every bare {"@id"} reference, at any depth. */
function graphIds(graph: Node[]): { defined: Map<string, Node>; refs: string[] } {
  const defined = new Map<string, Node>();
  const refs: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== 'object') return;
    const n = v as Node;
    if (typeof n['@id'] === 'string' && Object.keys(n).length === 1) refs.push(n['@id']);
    else if (typeof n['@id'] === 'string') defined.set(n['@id'], n);
    Object.values(n).forEach(walk);
  };
  walk(graph);
  return { defined, refs };
}

async function flipByte(file: string): Promise<void> {
  const bytes = await fs.readFile(file);
  bytes[10] = bytes[10]! ^ 1;
  await fs.writeFile(file, bytes);
}
