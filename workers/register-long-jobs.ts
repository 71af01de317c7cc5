// Binds the long jobs (workers/long-job.ts) to their queues. A stopping process aborts the attempt in hand, which
// the queue retries (from the start) on this or another process; a queued row whose job was lost is queued again.
import type { PgBoss } from 'pg-boss';
import { longJobsRepo } from '../storage/repositories/long-jobs.repository.ts';
import { logOutcome, type HandlerDeps } from './handlers/deps.ts';
import { failHashSetImport, HASHSET_IMPORT, importHashSet } from './handlers/import-hash-set.ts';
import { CASES_REGROUP, regroupCases } from './handlers/regroup-cases.ts';
import { enqueue, type Jobs } from './jobs.ts';
import { failLongJob, unexpectedFailure } from './long-job.ts';
import { PROMPT_POLLING, workPromptly } from './work-promptly.ts';

const LOST_AFTER_SECONDS = 60;

/** Registers the long-job queues; returns what stops the lost-job sweep. */
export async function registerLongJobWorkers(boss: PgBoss, deps: HandlerDeps, stopping: AbortSignal) {
  const options = { ...PROMPT_POLLING, batchSize: 1 };
  await workPromptly<Jobs['hashset.import']>(boss, HASHSET_IMPORT, options, async ([job]) => {
    const { importId } = job!.data;
    try {
      const outcome = await importHashSet(deps, importId, AbortSignal.any([job!.signal, stopping]));
      logOutcome(deps, HASHSET_IMPORT, importId, outcome);
    } catch (error) {
      logOutcome(deps, HASHSET_IMPORT, importId, error as Error);
      // Stopping is not the attempt's fault: hand the job on to the next process without spending a retry.
      if (stopping.aborted) return enqueue(boss, 'hashset.import', { importId });
      if ((job!.retryCount ?? 0) >= (job!.retryLimit ?? 0)) await failHashSetImport(deps, importId, error);
      throw error;
    }
  });
  await workPromptly<Jobs['cases.regroup']>(boss, CASES_REGROUP, options, async ([job]) => {
    const { jobId } = job!.data;
    try {
      logOutcome(deps, CASES_REGROUP, jobId, await regroupCases(deps, jobId, AbortSignal.any([job!.signal, stopping])));
    } catch (error) {
      logOutcome(deps, CASES_REGROUP, jobId, error as Error);
      if (stopping.aborted) return enqueue(boss, 'cases.regroup', { jobId });
      const last = (job!.retryCount ?? 0) >= (job!.retryLimit ?? 0);
      if (last) await failLongJob(deps.pool, jobId, unexpectedFailure(error), async () => undefined);
      throw error;
    }
  });
  const requeueLost = async () => {
    for (const id of await longJobsRepo(deps.pool).stalledQueued(HASHSET_IMPORT, LOST_AFTER_SECONDS)) {
      await enqueue(boss, 'hashset.import', { importId: id });
    }
    // The regroup job is queued by a migration (010), so its first enqueue is always this sweep's.
    for (const id of await longJobsRepo(deps.pool).stalledQueued(CASES_REGROUP, LOST_AFTER_SECONDS)) {
      await enqueue(boss, 'cases.regroup', { jobId: id });
    }
  };
  const sweep = () => requeueLost().catch((error: Error) => deps.log(`long-job sweep: ${error.message}`));
  void sweep();
  const timer = setInterval(sweep, LOST_AFTER_SECONDS * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
