// pg-boss waits its polling interval after every fetch unless a NOTIFY arrived meanwhile, so a backlog
// queued while a worker was busy drained at one batch per interval (100 small uploads: ~5 s each).
// Here a worker whose fetch came back full fetches again at once; an empty queue still sleeps until
// the next NOTIFY (or the polling backstop), so idle workers cost nothing.
import type { Job, JobWithMetadata, PgBoss } from 'pg-boss';

/** How the ingest queues poll: NOTIFY wakes an idle worker at once, the poll is only a backstop. */
export const PROMPT_POLLING = {
  pollingIntervalSeconds: 0.5,
  notifyPollingIntervalSeconds: 1,
  includeMetadata: true as const,
};

export type PromptWorkOptions = typeof PROMPT_POLLING & {
  batchSize: number;
  burstWhenBatchFull?: boolean;
  /** Independent fetch loops in this process, so one long job does not hold up the queue behind it. */
  loops?: number;
};

/** `boss.work` whose loops keep fetching while the queue has work for them; returns the worker ids. */
export async function workPromptly<T>(
  boss: PgBoss,
  name: string,
  options: PromptWorkOptions,
  handler: (jobs: Array<JobWithMetadata<T>>) => Promise<void>,
): Promise<string[]> {
  const { loops = 1, ...workOptions } = options;
  const ids: string[] = [];
  for (let i = 0; i < loops; i++) {
    // The handler may run before work() resolves: it reads the id through a holder, never a TDZ binding.
    const worker: { id?: string } = {};
    worker.id = await boss.work<T>(name, workOptions, async (jobs: Array<Job<T>>) => {
      try {
        await handler(jobs as Array<JobWithMetadata<T>>);
      } finally {
        // A full batch says more may be waiting: skip the interval (harmless if the next fetch is empty).
        if (worker.id !== undefined && jobs.length >= options.batchSize) boss.notifyWorker(worker.id);
      }
    });
    ids.push(worker.id);
  }
  return ids;
}
