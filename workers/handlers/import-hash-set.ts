// hashset.import: loads an uploaded hash-set file (stored in the object store) into a new version of the set, swaps
// it in atomically for the importer's own older version, and queues a re-match. A long job (workers/long-job.ts):
// progress on its row; a retry reloads from the start; a failure leaves nothing half-imported.
import { appendAuditEntry } from '../../storage/audit-chain.ts';
import { inTransaction, type Queryable } from '../../storage/db.ts';
import { ObjectNotFound } from '../../storage/object-store/index.ts';
import { hashSetsRepo } from '../../storage/repositories/hashsets.repository.ts';
import { longJobsRepo, type LongJobRow, type UserMessage } from '../../storage/repositories/long-jobs.repository.ts';
import { HashSetFormatError, type HashSetFormat, type ReadResult } from '../formats/hash-entry.ts';
import { loadEntries } from '../hashsets/load-entries.ts';
import { enqueue } from '../jobs.ts';
import {
  failLongJob,
  JobFailure,
  runLongJob,
  unexpectedFailure,
  type LongJobContext,
  type OnJobFailed,
} from '../long-job.ts';
import type { HandlerDeps, HandlerResult } from './deps.ts';

export const HASHSET_IMPORT = 'hashset.import';

/** Where an uploaded hash-set file is kept: under its SHA-256, like evidence (the same file is stored once). */
export const hashSetInputKey = (sha256: string) => `hashset-imports/${sha256}`;

/** What the importer asked for, resolved and validated by the API before the job is queued. */
export type HashSetImportParams = {
  name: string;
  version: string;
  source: string;
  format: HashSetFormat | 'auto';
  visibility: 'national' | 'unit';
  unitId: number;
  radius: number;
  scheme: string | null;
  ip: string | null;
};

export type HashSetImportResult = {
  setId: string;
  name: string;
  version: string;
  entries: number;
  skippedCount: number;
  seconds: number;
  skipped: Array<{ position: string; reason: string }>;
  superseded: string[];
};

type Deps = Pick<HandlerDeps, 'pool' | 'store' | 'boss' | 'auditKey'>;

// The readers describe the problem in English only, so the Dutch message carries the English detail along.
const formatFailure = (error: HashSetFormatError): UserMessage => {
  const en = `${error.message} Nothing was imported. Repair or re-export the file, then import it again.`;
  return {
    nl:
      'Het bestand is geen bruikbare hashset; er is niets geïmporteerd. ' +
      `Herstel het bestand of exporteer het opnieuw, en importeer het daarna opnieuw. Details (Engels): ${en}`,
    en,
  };
};

const inputGone: UserMessage = {
  nl: 'Het geüploade bestand staat niet meer in de opslag. Er is niets geïmporteerd; upload het opnieuw.',
  en: 'The uploaded file is no longer in the store. Nothing was imported; upload it again.',
};

export async function importHashSet(deps: Deps, importId: string, signal: AbortSignal): Promise<HandlerResult> {
  const onFailed: OnJobFailed = (tx, job, reason) => discardImport(deps, tx, job, reason);
  return runLongJob(deps.pool, importId, signal, (ctx) => runImport(deps, ctx), onFailed);
}

/** After the last attempt of an unexpected failure: nothing half-imported, and the failure audited. */
export function failHashSetImport(deps: Deps, importId: string, error: unknown): Promise<void> {
  const onFailed: OnJobFailed = (tx, job, reason) => discardImport(deps, tx, job, reason);
  return failLongJob(deps.pool, importId, unexpectedFailure(error), onFailed);
}

async function runImport(deps: Deps, ctx: LongJobContext): Promise<HashSetImportResult> {
  const started = performance.now();
  const { job } = ctx;
  const p = job.params as HashSetImportParams;
  const set = await setOf(deps, job, p);
  // A retry after the swap committed: only the steps after it remain.
  if (set.status !== 'importing' && job.result) return afterSwap(deps, job.result as HashSetImportResult);
  const read = await loadSet(deps, ctx, set.id, p);
  ctx.report({ records: read.entries + read.skippedCount, entries: read.entries, skipped: read.skippedCount });
  const result: HashSetImportResult = {
    setId: set.id,
    name: p.name,
    version: p.version,
    entries: read.entries,
    skippedCount: read.skippedCount,
    skipped: read.skipped,
    seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
    superseded: [],
  };
  // The swap: in one transaction the importer's old version stops counting and the new one starts. After it
  // commits nothing may roll the new version back; later steps are retried, not undone.
  result.superseded = await inTransaction(deps.pool, async (tx) => {
    const sets = hashSetsRepo(tx);
    await sets.lockSetName({ unitId: p.unitId, visibility: p.visibility, name: p.name });
    const old = await sets.supersede({ unitId: p.unitId, visibility: p.visibility, name: p.name, keep: set.id });
    await sets.activate(set.id);
    await audit(deps, tx, job, 'hashset.import', set.id, {
      entries: read.entries,
      skipped: read.skippedCount,
      format: read.header.format,
      superseded: old,
    });
    await longJobsRepo(tx).setResult(job.id, { ...result, superseded: old });
    return old;
  });
  return afterSwap(deps, result);
}

async function afterSwap(deps: Deps, result: HashSetImportResult): Promise<HashSetImportResult> {
  await enqueue(deps.boss, 'hashset.rematch', { setId: result.setId });
  for (const old of result.superseded) await hashSetsRepo(deps.pool).dropPartition(old); // the old version's entries
  return result;
}

/** The set version this import fills: made on the first attempt, found again on a retry. */
async function setOf(deps: Deps, job: LongJobRow, p: HashSetImportParams) {
  const repo = hashSetsRepo(deps.pool);
  const existing = await repo.byImportJob(job.id);
  if (existing) return existing;
  const id = await repo.create({
    name: p.name,
    source: p.source,
    version: p.version,
    format: p.format,
    unitId: p.unitId,
    visibility: p.visibility,
    radius: p.radius,
    by: job.created_by,
    byName: job.created_by_name,
    importJobId: job.id,
  });
  return { id, status: 'importing' as const };
}

/** Loads the stored file into a fresh loading table and attaches it; on any error the table is dropped again. */
async function loadSet(deps: Deps, ctx: LongJobContext, setId: string, p: HashSetImportParams): Promise<ReadResult> {
  const repo = hashSetsRepo(deps.pool);
  await repo.dropPartition(setId); // what an interrupted attempt left
  await repo.createPartition(setId);
  const input = await deps.store.get(ctx.job.input_key!).catch((error: unknown) => {
    if (error instanceof ObjectNotFound) throw new JobFailure(inputGone);
    throw error;
  });
  const stop = () => input.destroy(new Error('the import was interrupted (the server is stopping); it starts again'));
  ctx.signal.addEventListener('abort', stop, { once: true });
  try {
    const format = p.format === 'auto' ? undefined : p.format;
    const read = await loadEntries(deps.pool, setId, input, { format, scheme: p.scheme ?? undefined }, (records) =>
      ctx.report({ records }),
    );
    await repo.attachPartition(setId);
    await repo.finish(setId, {
      entries: read.entries,
      skipped: read.skippedCount,
      sample: read.skipped.slice(0, 1000),
      header: read.header,
      profile: read.header.profile,
      scheme: read.header.scheme ?? p.scheme,
    });
    return read;
  } catch (error) {
    await repo.dropPartition(setId).catch(() => undefined);
    if (error instanceof HashSetFormatError) throw new JobFailure(formatFailure(error));
    throw error;
  } finally {
    ctx.signal.removeEventListener('abort', stop);
    input.destroy();
  }
}

/** A failed import leaves no entries and no active version, and the audit says who tried what and why it failed. */
async function discardImport(deps: Deps, tx: Queryable, job: LongJobRow, reason: UserMessage): Promise<void> {
  const sets = hashSetsRepo(tx);
  const set = await sets.byImportJob(job.id);
  if (set && set.status === 'importing') {
    await sets.dropPartition(set.id);
    await sets.fail(set.id, reason.en);
  }
  await audit(deps, tx, job, 'hashset.import.failed', set?.id ?? null, { reason: reason.en, importId: job.id });
}

function audit(
  deps: Deps,
  tx: Queryable,
  job: LongJobRow,
  action: string,
  setId: string | null,
  details: Record<string, unknown>,
) {
  const p = job.params as HashSetImportParams;
  return appendAuditEntry(tx, deps.auditKey, {
    actorId: job.created_by,
    actorName: job.created_by_name,
    action,
    targetType: 'hashset',
    targetId: setId,
    details: {
      name: p.name,
      version: p.version,
      visibility: p.visibility,
      sha256: job.input_sha256,
      ...details,
      ...(p.ip ? { ip: p.ip } : {}),
    },
  });
}
