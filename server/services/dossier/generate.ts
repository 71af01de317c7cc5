// Writes one dossier into a temporary folder: dossier.pdf, items.csv, vics.json, case.jsonld, then the manifest
// over them and its signature. Every listing pages through the database, so memory stays bounded at any size.
import path from 'node:path';
import type { Pool } from '../../../storage/db.ts';
import type { DossierSigner } from '../../../storage/dossier-keys.ts';
import { dossierDataRepo } from '../../../storage/repositories/dossier-data.repository.ts';
import { writeCaseJsonLd } from '../../../workers/dossier/case-jsonld.ts';
import { readFacts, type DossierFacts, type SchemeLabels } from '../../../workers/dossier/facts.ts';
import { FileSink, type WrittenFile } from '../../../workers/dossier/file-sink.ts';
import { csvHeader, itemCsvLine } from '../../../workers/dossier/items-csv.ts';
import { MANIFEST, manifestText, SIGNATURE, signatureText } from '../../../workers/dossier/manifest.ts';
import { DossierPdf, utc } from '../../../workers/dossier/pdf/pdf-doc.ts';
import {
  writeAuditAnchor,
  writeCover,
  writeEvidence,
  writeLinks,
  writeSummary,
} from '../../../workers/dossier/pdf/pdf-front.ts';
import { writeAuditExcerpt, writeItemTables } from '../../../workers/dossier/pdf/pdf-items.ts';
import { writeAnnex, type AnnexImage } from '../../../workers/dossier/pdf/pdf-annex.ts';
import { writeVicsCases } from '../../../workers/formats/vics-writer.ts';
import { SCHEMES } from '../categories.ts';
import { UnmappedTally } from '../export-categories.ts';
import { toMedia } from '../export.service.ts';
import { exportRepo } from '../../../storage/repositories/export.repository.ts';

export type DossierOutput = { facts: DossierFacts; files: WrittenFile[]; pages: number };
type Report = (progress: Record<string, number>) => void;
type Step = { name: string; items: number };

const LABELS: SchemeLabels = SCHEMES.map((s) => ({
  id: s.id,
  nl: s.nl,
  categories: s.categories.map((c) => ({ value: c.value, nl: c.nl })),
}));

async function writeCsv(pool: Pool, dir: string, f: DossierFacts, tick: (n: number) => void): Promise<WrittenFile> {
  const out = new FileSink('items.csv', path.join(dir, 'items.csv'));
  try {
    await out.write(csvHeader());
    for (let after = 0; ;) {
      const rows = await dossierDataRepo(pool).itemPage(f.case.id, after, 2000);
      if (rows.length === 0) break;
      for (const r of rows) await out.write(itemCsvLine(r));
      tick(rows.length);
      after = rows[rows.length - 1]!.id;
    }
    return await out.close();
  } finally {
    out.destroy();
  }
}

// The VICS export's own query and mapping; its keyset page re-reads the case's items, so the pages are large.
const VICS_PAGE = 20_000;

async function* vicsMedia(pool: Pool, caseId: string) {
  const unmapped = new UnmappedTally();
  for (let after = 0; ;) {
    const rows = await exportRepo(pool).mediaPage(caseId, after, VICS_PAGE);
    if (rows.length === 0) return;
    for (const r of rows) yield toMedia(r, unmapped);
    after = rows[rows.length - 1]!.id;
  }
}

async function writeVics(pool: Pool, dir: string, f: DossierFacts): Promise<WrittenFile> {
  const out = new FileSink('vics.json', path.join(dir, 'vics.json'));
  const info = {
    caseId: f.case.id, // the case's own id: a random one would make every generation differ
    caseNumber: f.case.number,
    contactOrganization: f.case.unit_name,
    sourceApplicationName: 'Spoor',
    sourceApplicationVersion: '0.1.0',
  };
  try {
    await writeVicsCases(out.stream, info, vicsMedia(pool, f.case.id), { end: false });
    out.stream.end();
    return await out.close(true);
  } finally {
    out.destroy();
  }
}

async function writeJsonLd(pool: Pool, dir: string, f: DossierFacts, tick: (n: number) => void) {
  const out = new FileSink('case.jsonld', path.join(dir, 'case.jsonld'));
  try {
    await writeCaseJsonLd(pool, out, f, tick);
    return await out.close();
  } finally {
    out.destroy();
  }
}

async function writePdf(pool: Pool, dir: string, f: DossierFacts, annex: AnnexImage[], tick: (n: number) => void) {
  const out = new FileSink('dossier.pdf', path.join(dir, 'dossier.pdf'));
  const pdf = new DossierPdf(out.stream, {
    title: `Dossier zaak ${f.case.number}`,
    subject: `Dossier voor het Openbaar Ministerie, stand per ${utc(f.asOf)}`,
    footer: `Zaak ${f.case.number} — dossier, stand per ${utc(f.asOf)}`,
    asOf: f.asOf,
  });
  try {
    writeCover(pdf, f, annex.length > 0);
    writeSummary(pdf, f);
    writeEvidence(pdf, f);
    writeLinks(pdf, f);
    writeAuditAnchor(pdf, f);
    await writeAuditExcerpt(pdf, pool, f);
    await writeItemTables(pdf, pool, f, tick);
    writeAnnex(pdf, annex);
    pdf.end();
    return { file: await out.close(true), pages: pdf.pages };
  } finally {
    out.destroy();
  }
}

/** The whole dossier; `report` gets `{step, steps, items, total}` as it goes (the job writes it to its row). */
export async function generateDossier(
  pool: Pool,
  caseId: string,
  dir: string,
  signer: DossierSigner,
  report: Report,
  annex: AnnexImage[] = [],
): Promise<DossierOutput> {
  const f = await readFacts(pool, caseId, LABELS, signer);
  const steps: Step[] = [];
  const progress = (name: string) => {
    const step: Step = { name, items: 0 };
    steps.push(step);
    report({ step: steps.length, steps: 5, items: 0, total: f.totals.files });
    return (n: number) => {
      step.items += n;
      report({ step: steps.length, steps: 5, items: step.items, total: f.totals.files });
    };
  };
  const csv = await writeCsv(pool, dir, f, progress('csv'));
  progress('vics');
  const vics = await writeVics(pool, dir, f);
  const jsonld = await writeJsonLd(pool, dir, f, progress('jsonld'));
  const pdf = await writePdf(pool, dir, f, annex, progress('pdf'));
  progress('manifest');
  const files = [pdf.file, csv, vics, jsonld];
  const manifest = new FileSink(MANIFEST, path.join(dir, MANIFEST));
  const text = manifestText(files);
  await manifest.write(text);
  const signature = new FileSink(SIGNATURE, path.join(dir, SIGNATURE));
  await signature.write(signatureText(Buffer.from(text), signer));
  return { facts: f, files: [...files, await manifest.close(), await signature.close()], pages: pdf.pages };
}
