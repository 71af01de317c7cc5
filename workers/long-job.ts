// The long-job pattern: work that runs for minutes, reads an object from the store (or produces one), and keeps
// its status and progress on a `long_jobs` row, so any API process, and a restarted one, can report it.
//   - the API stores the input object, creates the row (queued) and enqueues the job with the row's id;
//   - the handler calls `runLongJob`: an attempt marks the row running and starts over; a finished row is
//     never redone (idempotent); progress goes to the row at most once a second;
//   - an expected failure is a `JobFailure` (recorded with a user message, not retried); anything else is
//     thrown to the queue and retried, and `failLongJob` records it after the last attempt.
import type { Pool, Queryable } from '../storage/db.ts';
import { inTransaction } from '../storage/db.ts';
import { longJobsRepo, type LongJobRow, type UserMessage } from '../storage/repositories/long-jobs.repository.ts';
import type { HandlerResult } from './handlers/deps.ts';

/** An expected failure (a broken input file): recorded on the row with a message for the user; not retried. */
export class JobFailure extends Error {
  constructor(readonly messages: UserMessage) {
    super(messages.en);
    this.name = 'JobFailure';
  }
}

export type LongJobContext = {
  job: LongJobRow;
  /** Aborted when the process stops or the queue gives up on the attempt: stop reading and throw. */
  signal: AbortSignal;
  /** Progress for readers of the row (written at most once a second, and at the end). */
  report: (progress: Record<string, number>) => void;
};

/** Undoes an attempt's partial output and audits the failure, inside the transaction that records it. */
export type OnJobFailed = (tx: Queryable, job: LongJobRow, reason: UserMessage) => Promise<void>;

const REPORT_EVERY_MS = 1000;

function progressWriter(pool: Pool, jobId: string) {
  let latest: Record<string, number> | null = null;
  let lastWrite = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const write = () => {
    const progress = latest;
    latest = null;
    lastWrite = Date.now();
    if (progress) writing = writing.then(() => longJobsRepo(pool).progress(jobId, progress)).catch(() => undefined);
    return writing;
  };
  return {
    report(progress: Record<string, number>) {
      latest = progress;
      if (Date.now() - lastWrite >= REPORT_EVERY_MS) void write();
    },
    flush: write,
  };
}

export async function runLongJob(
  pool: Pool,
  jobId: string,
  signal: AbortSignal,
  work: (ctx: LongJobContext) => Promise<Record<string, unknown>>,
  onFailed: OnJobFailed,
): Promise<HandlerResult> {
  signal.throwIfAborted();
  const job = await longJobsRepo(pool).start(jobId);
  if (!job) return { status: 'skipped', reason: 'finished already (or unknown)' };
  const progress = progressWriter(pool, jobId);
  try {
    const result = await work({ job, signal, report: progress.report });
    await progress.flush();
    await longJobsRepo(pool).finish(jobId, result);
    return { status: 'done' };
  } catch (error) {
    await progress.flush();
    if (!(error instanceof JobFailure)) throw error; // unexpected: the queue retries it
    await failLongJob(pool, jobId, error.messages, onFailed);
    return { status: 'done', reason: `recorded failure: ${error.message}` };
  }
}

/** Records a job as failed (after its last attempt, or an expected failure), with its undo and audit, at once. */
export async function failLongJob(pool: Pool, jobId: string, reason: UserMessage, onFailed: OnJobFailed) {
  await inTransaction(pool, async (tx) => {
    const job = await longJobsRepo(tx).byId(jobId);
    if (!job || job.status === 'done' || job.status === 'failed') return;
    await onFailed(tx, job, reason);
    await longJobsRepo(tx).fail(jobId, reason);
  });
}

/** The message for a job that failed for a reason nobody expected, after its last attempt. */
export const unexpectedFailure = (error: unknown): UserMessage => {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    nl:
      `Het werk is mislukt na herhaalde pogingen (${detail}). Er is niets half achtergebleven. ` +
      'Probeer het opnieuw; blijft het misgaan, geef dan de beheerder het tijdstip door.',
    en:
      `The work failed after repeated attempts (${detail}). Nothing was left half-done. ` +
      'Try again; if it keeps failing, give the administrator the time it happened.',
  };
};
