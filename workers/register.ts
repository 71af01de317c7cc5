// Binds the job handlers to pg-boss queues. A worker loop never dies: expected problems are recorded
// by the handlers; unexpected errors are thrown to pg-boss, which retries with back-off.
import type { Job, PgBoss } from 'pg-boss';
import { evidenceRepo } from '../storage/repositories/evidence.repository.ts';
import type { HandlerDeps } from './handlers/deps.ts';
import { groupCase } from './handlers/group-case.ts';
import { processBlob, requestGrouping } from './handlers/process-blobs.ts';
import { unpackEvidence } from './handlers/unpack-evidence.ts';
import { matchCase, rematchForSet } from './handlers/match-case.ts';
import type { PdqIndexes } from './matching/pdq-indexes.ts';
import { QUEUES, type Jobs } from './jobs.ts';

type JobWithMeta<T> = Job<T> & { retryCount?: number; retryLimit?: number };

/** Runs `work` over items with at most `limit` in flight (sharp decodes on the libuv pool in parallel). */
async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

const isFinalAttempt = (job: JobWithMeta<unknown>) => (job.retryCount ?? 0) >= (job.retryLimit ?? QUEUES['evidence.unpack'].retryLimit);

export async function registerIngestWorkers(boss: PgBoss, deps: HandlerDeps, indexes: PdqIndexes, concurrency: number): Promise<string[]> {
  const polling = { pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 5, includeMetadata: true as const };

  await boss.work<Jobs['evidence.unpack']>('evidence.unpack', { ...polling, batchSize: 1 }, async ([job]) => {
    const j = job as JobWithMeta<Jobs['evidence.unpack']>;
    try {
      await unpackEvidence(deps, j.data.evidenceId);
    } catch (error) {
      // After the last retry the evidence must not sit in "unpacking" for ever.
      if (isFinalAttempt(j)) await evidenceRepo(deps.pool).markFailed(j.data.evidenceId, `unpacking failed: ${(error as Error).message}`);
      throw error;
    }
  });

  await boss.work<Jobs['blob.process']>('blob.process', { ...polling, batchSize: Math.max(4, concurrency * 4), burstWhenBatchFull: true }, async (jobs) => {
    const shas = jobs.map((j) => j.data.sha256);
    await forEachLimited(shas, concurrency, async (sha256) => { await processBlob(deps, sha256); });
    await requestGrouping(deps, shas);
  });

  await boss.work<Jobs['case.group']>('case.group', { ...polling, batchSize: 1 }, async ([job]) => {
    await groupCase(deps, job!.data.caseId);
  });

  await boss.work<Jobs['case.match']>('case.match', { ...polling, batchSize: 1 }, async ([job]) => {
    await matchCase(deps, indexes, job!.data.caseId);
  });

  await boss.work<Jobs['hashset.rematch']>('hashset.rematch', { ...polling, batchSize: 1 }, async ([job]) => {
    await rematchForSet(deps, job!.data.setId);
  });
  return Object.keys(QUEUES);
}
