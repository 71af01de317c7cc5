// case.dossier: a long job (workers/long-job.ts) that writes a case's dossier to a temporary folder, stores each
// file content-addressed in the object store (a reproduced dossier reuses the same objects), records the dossiers
// row and audits the generation. A retry starts over; a finished job is never redone.
import fs from 'node:fs/promises';
import path from 'node:path';
import { appendAuditEntry } from '../../../storage/audit-chain.ts';
import type { AuditKey } from '../../../storage/audit-key.ts';
import { inTransaction, type Pool, type Queryable } from '../../../storage/db.ts';
import { loadDossierSigner } from '../../../storage/dossier-keys.ts';
import type { ObjectStore } from '../../../storage/object-store/index.ts';
import { dossierDataRepo } from '../../../storage/repositories/dossier-data.repository.ts';
import { dossiersRepo, type DossierFile, type DossierRow } from '../../../storage/repositories/dossiers.repository.ts';
import type { LongJobRow, UserMessage } from '../../../storage/repositories/long-jobs.repository.ts';
import type { HandlerResult } from '../../../workers/handlers/deps.ts';
import {
  failLongJob,
  JobFailure,
  runLongJob,
  unexpectedFailure,
  type LongJobContext,
} from '../../../workers/long-job.ts';
import { MANIFEST } from '../../../workers/dossier/manifest.ts';
import { generateDossier } from './generate.ts';
import { annexImages } from './annex.ts';

export const CASE_DOSSIER = 'case.dossier';
export type DossierJobDeps = {
  pool: Pool;
  store: ObjectStore;
  auditKey: AuditKey;
  keyDir: string;
  log: (line: string) => void;
};
type DossierJobResult = {
  dossierId: string;
  asOf: string;
  manifestSha256: string;
  files: Array<{ name: string; sha256: string; bytes: number }>;
  counts: Record<string, unknown>;
  pages: number;
};

const dossierKey = (sha256: string) => `dossiers/${sha256.slice(0, 2)}/${sha256}`;

const STILL_PROCESSING: UserMessage = {
  nl: 'De zaak wordt nog verwerkt (uitpakken, hashen of matchen). Wacht tot de verwerking klaar is en maak het dossier dan opnieuw.',
  en: 'The case is still being processed (unpacking, hashing or matching). Wait until processing is done, then generate the dossier again.',
};

const resultOf = (d: DossierRow, pages: number): DossierJobResult => ({
  dossierId: d.id,
  asOf: new Date(d.as_of).toISOString(),
  manifestSha256: d.manifest_sha256,
  files: d.files.map(({ name, sha256, bytes }) => ({ name, sha256, bytes })),
  counts: d.counts,
  pages,
});

function audit(tx: Queryable, key: AuditKey, job: LongJobRow, action: string, details: Record<string, unknown>) {
  return appendAuditEntry(tx, key, {
    actorId: job.created_by,
    actorName: job.created_by_name,
    action,
    targetType: 'dossier',
    targetId: job.id,
    caseId: job.case_id,
    details,
  });
}

async function storeFiles(store: ObjectStore, files: Awaited<ReturnType<typeof generateDossier>>['files']) {
  const stored: DossierFile[] = [];
  for (const f of files) {
    const key = dossierKey(f.sha256);
    if (!(await store.exists(key))) await store.adoptFile(key, f.path, f.bytes);
    stored.push({ name: f.name, key, sha256: f.sha256, bytes: f.bytes });
  }
  return stored;
}

async function produce(deps: DossierJobDeps, ctx: LongJobContext): Promise<DossierJobResult> {
  const { job } = ctx;
  const done = await dossiersRepo(deps.pool).byJob(job.id);
  if (done) return resultOf(done, 0);
  const caseId = job.case_id!;
  if ((await dossierDataRepo(deps.pool).unfinished(caseId)) > 0) throw new JobFailure(STILL_PROCESSING);
  const head = await dossierDataRepo(deps.pool).caseHead(caseId);
  if (!head) throw new JobFailure({ nl: 'De zaak bestaat niet meer.', en: 'The case no longer exists.' });
  const signer = await loadDossierSigner(deps.keyDir, head.unit_code, deps.log);
  await fs.mkdir(deps.store.spoolDir(), { recursive: true });
  const dir = await fs.mkdtemp(path.join(deps.store.spoolDir(), 'dossier-'));
  try {
    const annex = await annexImages(deps.pool, deps.store, caseId, (job.params.annex as string[] | undefined) ?? []);
    const out = await generateDossier(deps.pool, caseId, dir, signer, ctx.report, annex);
    ctx.signal.throwIfAborted();
    const files = await storeFiles(deps.store, out.files);
    const manifest = files.find((f) => f.name === MANIFEST)!;
    const row = {
      case_id: caseId,
      job_id: job.id,
      created_by_name: job.created_by_name,
      as_of: out.facts.asOf,
      files,
      manifest_sha256: manifest.sha256,
      counts: out.facts.counts,
      key_fingerprint: signer.fingerprint,
    };
    const saved = await inTransaction(deps.pool, async (tx) => {
      const id = await dossiersRepo(tx).insert(row);
      await audit(tx, deps.auditKey, job, 'dossier.generate', {
        dossierId: id,
        asOf: out.facts.asOf.toISOString(),
        manifestSha256: manifest.sha256,
      });
      return (await dossiersRepo(tx).byId(id))!;
    });
    return resultOf(saved, out.pages);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const onFailed = (key: AuditKey) => (tx: Queryable, job: LongJobRow, reason: UserMessage) =>
  audit(tx, key, job, 'dossier.generate.failed', { reason: reason.en }).then(() => undefined);

export function runDossierJob(deps: DossierJobDeps, jobId: string, signal: AbortSignal): Promise<HandlerResult> {
  return runLongJob(deps.pool, jobId, signal, (ctx) => produce(deps, ctx), onFailed(deps.auditKey));
}

/** After the last attempt of an unexpected failure: the row says so, and the audit too. */
export function failDossierJob(deps: DossierJobDeps, jobId: string, error: unknown): Promise<void> {
  return failLongJob(deps.pool, jobId, unexpectedFailure(error), onFailed(deps.auditKey));
}
