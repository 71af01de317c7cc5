// Binds the job handlers to pg-boss queues. A worker loop never dies: expected problems are recorded
// by the handlers; unexpected errors are thrown to pg-boss, which retries with back-off.
import type { Job, PgBoss } from 'pg-boss';
import { evidenceRepo } from '../storage/repositories/evidence.repository.ts';
import type { HandlerDeps } from './handlers/deps.ts';
import { groupCase } from './handlers/group-case.ts';
import { pauseBlobOnFault, pauseUnpackOnFault } from './handlers/pause.ts';
import { processBlob, recordBlobFailure, requestGrouping } from './handlers/process-blobs.ts';
import { unpackEvidence } from './handlers/unpack-evidence.ts';
import { matchCase, rematchForSet } from './handlers/match-case.ts';
import type { PdqIndexes } from './matching/pdq-indexes.ts';
import { QUEUES, type Jobs } from './jobs.ts';
import { PROMPT_POLLING, workPromptly } from './work-promptly.ts';

type JobWithMeta<T> = Job<T> & { retryCount?: number; retryLimit?: number };

/** Runs `work` over items with at most `limit` in flight (sharp decodes on the libuv pool in parallel). */
async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

const isFinalAttempt = (job: JobWithMeta<unknown>) => (job.retryCount ?? 0) >= (job.retryLimit ?? 0);

export async function registerIngestWorkers(
  boss: PgBoss,
  deps: HandlerDeps,
  indexes: PdqIndexes,
  concurrency: number,
): Promise<string[]> {
  const polling = PROMPT_POLLING;

  // Two loops: a small upload does not wait behind a large export's unpack.
  const unpackOptions = { ...polling, batchSize: 1, loops: 2 };
  await workPromptly<Jobs['evidence.unpack']>(boss, 'evidence.unpack', unpackOptions, async ([job]) => {
    const j = job as JobWithMeta<Jobs['evidence.unpack']>;
    try {
      await unpackEvidence(deps, j.data.evidenceId);
    } catch (error) {
      // A full disk or other passing fault pauses the unpack; it is resumed, never recorded as failed.
      if (await pauseUnpackOnFault(deps, j.data.evidenceId, error, isFinalAttempt(j))) return;
      // After the last retry the evidence must not sit in "unpacking" for ever.
      if (isFinalAttempt(j))
        await evidenceRepo(deps.pool).markFailed(j.data.evidenceId, `unpacking failed: ${(error as Error).message}`);
      throw error;
    }
  });

  const blobOptions = { ...polling, batchSize: Math.max(4, concurrency * 4), burstWhenBatchFull: true };
  await workPromptly<Jobs['blob.process']>(boss, 'blob.process', blobOptions, async (jobs) => {
    const failures: Error[] = [];
    // One bad blob must not hold back its batch-mates: each is tried alone, and after the last
    // attempt a blob that still fails is recorded with its reason instead of staying pending.
    await forEachLimited(jobs as Array<JobWithMeta<Jobs['blob.process']>>, concurrency, async (job) => {
      try {
        await processBlob(deps, job.data.sha256);
      } catch (error) {
        if (await pauseBlobOnFault(deps, job.data.sha256, error, isFinalAttempt(job))) return;
        if (isFinalAttempt(job)) await recordBlobFailure(deps, job.data.sha256, error as Error);
        else failures.push(error as Error);
      }
    });
    await requestGrouping(
      deps,
      jobs.map((j) => j.data.sha256),
    );
    if (failures.length > 0) throw failures[0]; // retried: blobs already done are skipped
  });

  await workPromptly<Jobs['case.group']>(boss, 'case.group', { ...polling, batchSize: 1 }, async ([job]) => {
    await groupCase(deps, job!.data.caseId);
  });

  await workPromptly<Jobs['case.match']>(boss, 'case.match', { ...polling, batchSize: 1 }, async ([job]) => {
    await matchCase(deps, indexes, job!.data.caseId);
  });

  await workPromptly<Jobs['hashset.rematch']>(boss, 'hashset.rematch', { ...polling, batchSize: 1 }, async ([job]) => {
    await rematchForSet(deps, job!.data.setId);
  });
  // The safety-net sweep (lost jobs, stale temp files) is started by the runtime, which stops it: server/workers.ts.
  return Object.keys(QUEUES);
}
