// Bulk import of meldingen from a manifest (`spoor report import`). Every row is checked first (unit, date, files
// inside the manifest's folder); a bad row is skipped with its line and reason, the rest imported. Idempotent on
// (unit, id): a melding imported before with the same content is left as it is.
import fs from 'node:fs';
import path from 'node:path';
import { inTransaction } from '../../storage/db.ts';
import { reportAttachmentsRepo } from '../../storage/repositories/report-attachments.repository.ts';
import { reportsRepo, type ReportRow } from '../../storage/repositories/reports.repository.ts';
import { usersRepo, type UnitRow } from '../../storage/repositories/users.repository.ts';
import { attachmentKey, storeContent } from '../../workers/ingest/content-store.ts';
import { enqueue } from '../../workers/jobs.ts';
import { AppError } from '../errors.ts';
import type { Actor } from './actor.ts';
import { insertAttachment, type AttachmentDeps } from './report-attachments.service.ts';
import { inspectAttachment, readTextFile, RowProblem, type LocalAttachment } from './report-import-files.ts';
import { checkFields, textSha256, type ReportFields } from './report-input.ts';
import { readManifest, type ManifestRow, type Skip } from './report-manifest.ts';

export type ImportDeps = AttachmentDeps & { maxAttachmentBytes: number };
export type ImportResult = {
  imported: number;
  unchanged: number;
  skipped: Skip[];
  attachments: number;
  /** Every melding the manifest stands for (imported now or before): what the caller waits for. */
  reportIds: string[];
};

type Prepared = { line: number; unit: UnitRow; fields: ReportFields; textSha: string; files: LocalAttachment[] };

function parseBool(raw: string, column: string): boolean {
  if (/^(true|1)$/i.test(raw)) return true;
  if (/^(false|0)$/i.test(raw)) return false;
  throw new RowProblem(`${column} must be true or false (got "${raw.slice(0, 20)}")`);
}

async function prepareRow(deps: ImportDeps, dir: string, units: UnitRow[], row: ManifestRow): Promise<Prepared> {
  const key = row.unit.toLowerCase();
  const unit = units.find((u) => u.code.toLowerCase() === key || u.name.toLowerCase() === key);
  if (!unit) throw new RowProblem(`unknown unit "${row.unit.slice(0, 40)}"; use a unit code such as AM or ON`);
  if (row.text !== null && row.textFile) throw new RowProblem('give text or text_file, not both');
  const text = row.text ?? (row.textFile ? await readTextFile(dir, row.textFile) : '');
  const fields = checkFields({
    number: row.id,
    received: row.received,
    offence: row.offence as ReportFields['offence'],
    victimMinor: parseBool(row.victimMinor, 'victim_minor'),
    aangifte: parseBool(row.aangifte, 'aangifte'),
    text,
  });
  const files: LocalAttachment[] = [];
  for (const relative of row.attachments) files.push(await inspectAttachment(dir, relative, deps.maxAttachmentBytes));
  const twice = files.find((f, i) => files.findIndex((g) => g.sha256 === f.sha256) !== i);
  if (twice) throw new RowProblem(`attachment "${twice.name}" is listed twice (same content)`);
  return { line: row.line, unit, fields, textSha: textSha256(fields.text), files };
}

type Content = Pick<ReportFields, 'received' | 'offence' | 'victimMinor' | 'aangifte'> & {
  textSha: string;
  shas: string[];
};
/** What must match for two rows (or a row and a stored melding) to be the same melding. */
const fingerprint = (c: Content) =>
  JSON.stringify([c.received, c.offence, c.victimMinor, c.aangifte, c.textSha, [...c.shas].sort()]);
const contentOf = (p: Prepared): Content => ({ ...p.fields, textSha: p.textSha, shas: p.files.map((f) => f.sha256) });
const keyOf = (p: Prepared) => `${p.unit.id}|${p.fields.number}`;

/** Rows that give one (unit, id) different contents are all skipped: which one is right is not ours to guess. */
function dropConflicts(rows: Prepared[], skipped: Skip[]): Prepared[] {
  const byKey = new Map<string, Prepared[]>();
  for (const p of rows) byKey.set(keyOf(p), [...(byKey.get(keyOf(p)) ?? []), p]);
  const kept: Prepared[] = [];
  for (const group of byKey.values()) {
    if (new Set(group.map((p) => fingerprint(contentOf(p)))).size === 1) {
      kept.push(group[0]!); // identical repeats are one melding
      continue;
    }
    for (const p of group) {
      const others = group.filter((o) => o !== p).map((o) => o.line);
      const reason = `id ${p.fields.number} is given again on line(s) ${others.join(', ')} with different content`;
      skipped.push({ line: p.line, reason });
    }
  }
  return kept.sort((a, b) => a.line - b.line);
}

async function storedContent(deps: ImportDeps, r: ReportRow): Promise<Content> {
  const files = await reportAttachmentsRepo(deps.pool).forReport(r.id);
  const fields = { received: r.received, offence: r.offence, victimMinor: r.victim_minor, aangifte: r.aangifte };
  return { ...fields, textSha: r.body_sha256, shas: files.map((f) => f.sha256) };
}

type Outcome =
  | { kind: 'imported'; id: string; attachments: number }
  | { kind: 'unchanged'; id: string }
  | { kind: 'skipped'; reason: string };

async function insertPrepared(deps: ImportDeps, actor: Actor, p: Prepared, source: object): Promise<Outcome | null> {
  for (const f of p.files) {
    const stored = await storeContent(deps.store, fs.createReadStream(f.file), { keyFor: attachmentKey });
    if (stored.sha256 !== f.sha256)
      return { kind: 'skipped', reason: `attachment "${f.name}" changed while it was being imported` };
  }
  return inTransaction(deps.pool, async (tx) => {
    const fields = { ...p.fields, body: p.fields.text, bodySha256: p.textSha, unitId: p.unit.id };
    const id = await reportsRepo(tx).insert({ ...fields, createdBy: actor.id, createdByName: actor.username });
    if (!id) return null; // a concurrent import registered it first
    const details = { number: p.fields.number, unitId: p.unit.id, bodySha256: p.textSha, ...source, line: p.line };
    await deps.audit.record(actor, { action: 'report.create', targetType: 'report', targetId: id, details }, tx);
    const report = (await reportsRepo(tx).byId(id))!;
    for (const f of p.files) await insertAttachment(tx, deps.audit, actor, report, f);
    return { kind: 'imported' as const, id, attachments: p.files.length };
  });
}

async function importRow(deps: ImportDeps, actor: Actor, p: Prepared, source: object): Promise<Outcome> {
  const repo = reportsRepo(deps.pool);
  const existing = await repo.byUnitAndNumber(p.unit.id, p.fields.number);
  const inserted = existing ? null : await insertPrepared(deps, actor, p, source);
  if (inserted) return inserted;
  const stored = existing ?? (await repo.byUnitAndNumber(p.unit.id, p.fields.number))!;
  if (fingerprint(await storedContent(deps, stored)) === fingerprint(contentOf(p)))
    return { kind: 'unchanged', id: stored.id };
  const reason = `melding ${p.fields.number} of ${p.unit.code} was imported before with different content; nothing was changed`;
  return { kind: 'skipped', reason };
}

const reasonOf = (error: unknown): string => {
  if (error instanceof RowProblem) return error.message;
  if (error instanceof AppError) return error.messages.en;
  throw error;
};

async function prepareAll(deps: ImportDeps, file: string, skipped: Skip[]): Promise<Prepared[]> {
  const dir = await fs.promises.realpath(path.dirname(file));
  const manifest = await readManifest(file);
  const units = await usersRepo(deps.pool).units();
  skipped.push(...manifest.skipped);
  const prepared: Prepared[] = [];
  for (const row of manifest.rows) {
    try {
      prepared.push(await prepareRow(deps, dir, units, row));
    } catch (error) {
      skipped.push({ line: row.line, reason: reasonOf(error) });
    }
  }
  return dropConflicts(prepared, skipped);
}

export async function importManifest(deps: ImportDeps, actor: Actor, manifestPath: string): Promise<ImportResult> {
  const file = path.resolve(manifestPath);
  const result: ImportResult = { imported: 0, unchanged: 0, skipped: [], attachments: 0, reportIds: [] };
  const source = { source: 'import', manifest: path.basename(file) };
  for (const p of await prepareAll(deps, file, result.skipped)) {
    const outcome = await importRow(deps, actor, p, source).catch((error) => ({
      kind: 'skipped' as const,
      reason: reasonOf(error),
    }));
    if (outcome.kind === 'skipped') result.skipped.push({ line: p.line, reason: outcome.reason });
    else result.reportIds.push(outcome.id);
    if (outcome.kind === 'unchanged') result.unchanged++;
    if (outcome.kind !== 'imported') continue;
    result.imported++;
    result.attachments += outcome.attachments;
    await enqueue(deps.boss, 'report.extract', { reportId: outcome.id });
  }
  result.skipped.sort((a, b) => a.line - b.line);
  const details = { ...source, imported: result.imported, unchanged: result.unchanged, skipped: result.skipped.length };
  await deps.audit.record(actor, { action: 'report.import', targetType: 'report', details });
  return result;
}
