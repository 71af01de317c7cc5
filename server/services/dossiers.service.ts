// Dossiers for the officier van justitie (issue 13): start a generation (a `case.dossier` long job), follow it,
// list a case's dossiers, download one as a zip, get the unit's public key, and verify an uploaded dossier.
// Need-to-know: the case's leads and analysts generate; its members, prosecutors included, list and download;
// for anyone else the case does not exist (404). Every request, generation and download is audited.
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { PgBoss } from 'pg-boss';
import yazl from 'yazl';
import type { Pool } from '../../storage/db.ts';
import { findDossierPublicKey, loadDossierSigner, type DossierPublicKey } from '../../storage/dossier-keys.ts';
import type { ObjectStore } from '../../storage/object-store/index.ts';
import { dossierDataRepo } from '../../storage/repositories/dossier-data.repository.ts';
import { dossiersRepo, type DossierListRow } from '../../storage/repositories/dossiers.repository.ts';
import { longJobsRepo } from '../../storage/repositories/long-jobs.repository.ts';
import { verifyDossier, type VerifyResult } from '../../workers/dossier/verify.ts';
import { enqueue } from '../../workers/jobs.ts';
import { Conflict, Forbidden, NotFound } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { CasesService } from './cases.service.ts';
import { CASE_DOSSIER, failDossierJob, runDossierJob } from './dossier/dossier-job.ts';
import { checkAnnex } from './dossier/annex.ts';

type Deps = { pool: Pool; store: ObjectStore; boss: PgBoss; audit: AuditService; cases: CasesService; keyDir: string };
type Report = (progress: Record<string, number>) => void;

const NOT_GENERATOR = {
  nl: 'Alleen de teamleiders en analisten van de zaak maken een dossier. Vraag een van hen het dossier te maken.',
  en: "Only the case's leads and analysts generate a dossier. Ask one of them to generate it.",
};
const NO_SUCH_DOSSIER = {
  nl: 'Dit dossier bestaat niet bij deze zaak. Ververs de lijst met dossiers.',
  en: 'No such dossier in this case. Refresh the list of dossiers.',
};

const jobDepsOf = (d: Deps) => ({
  pool: d.pool,
  store: d.store,
  auditKey: d.audit.key,
  keyDir: d.keyDir,
  log: () => undefined,
});

/** Checks the actor may generate, records the job (queued) and audits the request; returns the job id. */
async function request(
  d: Deps,
  actor: Actor,
  caseRef: { id?: string; number?: string },
  chosen: readonly string[] = [],
): Promise<[string, string]> {
  const c = await d.cases.open(actor, caseRef);
  if (c.access !== 'write') throw new Forbidden(NOT_GENERATOR);
  const annex = await checkAnnex(d.pool, c.id, chosen);
  const jobId = await longJobsRepo(d.pool).create({
    kind: CASE_DOSSIER,
    ownerUnitId: c.unit_id, // the case's unit: its dossiers are the unit's, whoever asked
    caseId: c.id,
    createdBy: actor.id,
    createdByName: actor.username,
    params: annex.length > 0 ? { annex } : {},
  });
  // The choice of an annex with images is the analyst's, and recorded as such.
  const details = annex.length > 0 ? { annex } : {};
  await d.audit.record(actor, {
    action: 'dossier.request',
    targetType: 'dossier',
    targetId: jobId,
    caseId: c.id,
    details,
  });
  return [c.id, jobId];
}

async function jobOf(d: Deps, actor: Actor, caseId: string, jobId: string): Promise<DossierListRow> {
  const c = await d.cases.open(actor, { id: caseId });
  const row = await dossiersRepo(d.pool).jobInCase(jobId, c.id, CASE_DOSSIER);
  if (!row) throw new NotFound(NO_SUCH_DOSSIER);
  return row;
}

/** Runs the generation in this process and waits for it, reporting the row's progress (the CLI, benchmarks). */
async function generateHere(d: Deps, actor: Actor, caseNumber: string, report?: Report) {
  const [caseId, jobId] = await request(d, actor, { number: caseNumber });
  const show = async () => report?.((await longJobsRepo(d.pool).byId(jobId))?.progress ?? {});
  const timer = report ? setInterval(() => void show().catch(() => undefined), 500) : null;
  try {
    await runDossierJob(jobDepsOf(d), jobId, new AbortController().signal);
  } catch (error) {
    await failDossierJob(jobDepsOf(d), jobId, error);
    throw error;
  } finally {
    if (timer) clearInterval(timer);
  }
  const job = await jobOf(d, actor, caseId, jobId);
  if (job.status !== 'done')
    throw new Conflict(job.error ?? { nl: 'Het dossier is niet gemaakt.', en: 'No dossier was made.' });
  return { caseId, job };
}

/** A dossier of the case, its download audited before the first byte leaves. */
async function downloaded(d: Deps, actor: Actor, caseId: string, dossierId: string, to: 'zip' | 'folder') {
  const c = await d.cases.open(actor, { id: caseId });
  const dossier = await dossiersRepo(d.pool).byId(dossierId);
  if (!dossier || dossier.case_id !== c.id) throw new NotFound(NO_SUCH_DOSSIER);
  await d.audit.record(actor, {
    action: 'dossier.download',
    targetType: 'dossier',
    targetId: dossier.id,
    caseId: c.id,
    details: { manifestSha256: dossier.manifest_sha256, to },
  });
  return { c, dossier };
}

/** The stored files written into a folder (the CLI): the folder then checks with `sha256sum -c`. */
async function writeFolder(d: Deps, actor: Actor, caseId: string, dossierId: string, folder: string) {
  const { dossier } = await downloaded(d, actor, caseId, dossierId, 'folder');
  for (const f of dossier.files) {
    await pipeline(await d.store.get(f.key), (await fs.open(path.join(folder, f.name), 'wx')).createWriteStream());
  }
  return dossier;
}

/** The stored files as one zip (entries dated at the `as of` moment). */
async function zipOf(d: Deps, actor: Actor, caseId: string, dossierId: string) {
  const { c, dossier } = await downloaded(d, actor, caseId, dossierId, 'zip');
  const zip = new yazl.ZipFile();
  const mtime = new Date(dossier.as_of);
  for (const f of dossier.files) {
    zip.addReadStreamLazy(f.name, { mtime, mode: 0o100644, size: f.bytes }, (cb) => {
      d.store.get(f.key).then(
        (s) => {
          cb(null, s);
        },
        (error: unknown) => {
          cb(error, null as never);
        },
      );
    });
  }
  zip.end();
  const stamp = mtime.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const name = `dossier-${c.number.replace(/[^A-Za-z0-9._-]/g, '_')}-${stamp}.zip`;
  return { name, stream: zip.outputStream as Readable };
}

/** The public key the case's unit signs its dossiers with (made on first use). */
async function publicKeyOf(d: Deps, actor: Actor, caseId: string): Promise<DossierPublicKey> {
  const c = await d.cases.open(actor, { id: caseId });
  const head = (await dossierDataRepo(d.pool).caseHead(c.id))!;
  const { unit, publicKeyPem, fingerprint } = await loadDossierSigner(d.keyDir, head.unit_code);
  return { unit, publicKeyPem, fingerprint };
}

/** Checks an uploaded dossier zip against its manifest and this installation's unit keys; audited. */
async function verifyUpload(d: Deps, actor: Actor, body: Readable): Promise<VerifyResult> {
  await fs.mkdir(d.store.spoolDir(), { recursive: true });
  const dir = await fs.mkdtemp(path.join(d.store.spoolDir(), 'dossier-verify-'));
  try {
    const file = path.join(dir, 'upload.zip');
    await pipeline(body, (await fs.open(file, 'wx')).createWriteStream());
    const result = await verifyDossier(file, (unit) => findDossierPublicKey(d.keyDir, unit));
    const details = result.ok ? { ok: true, unit: result.unit } : { ok: false, problem: result.problem.en };
    await d.audit.record(actor, { action: 'dossier.verify', targetType: 'dossier', details });
    return result;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export function dossiersService(d: Deps) {
  return {
    /** Queues a generation; the job runs on any worker process. Returns its job id. */
    async start(actor: Actor, caseId: string, annex: readonly string[] = []): Promise<string> {
      const [, jobId] = await request(d, actor, { id: caseId }, annex);
      await enqueue(d.boss, 'case.dossier', { jobId });
      return jobId;
    },
    generate: (actor: Actor, caseNumber: string, report?: Report) => generateHere(d, actor, caseNumber, report),
    list: async (actor: Actor, caseId: string) =>
      dossiersRepo(d.pool).list((await d.cases.open(actor, { id: caseId })).id, CASE_DOSSIER, 100),
    job: (actor: Actor, caseId: string, jobId: string) => jobOf(d, actor, caseId, jobId),
    zip: (actor: Actor, caseId: string, dossierId: string) => zipOf(d, actor, caseId, dossierId),
    writeFolder: (actor: Actor, caseId: string, dossierId: string, folder: string) =>
      writeFolder(d, actor, caseId, dossierId, folder),
    publicKey: (actor: Actor, caseId: string) => publicKeyOf(d, actor, caseId),
    verifyUpload: (actor: Actor, body: Readable) => verifyUpload(d, actor, body),
  };
}
