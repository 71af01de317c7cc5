// Binds the job handlers to pg-boss queues. A worker loop never dies: expected problems are recorded
// by the handlers; unexpected errors are thrown to pg-boss, which retries with back-off.
import type { Job, PgBoss } from 'pg-boss';
import { evidenceRepo } from '../storage/repositories/evidence.repository.ts';
import { logOutcome, type HandlerDeps } from './handlers/deps.ts';
import { groupCase } from './handlers/group-case.ts';
import { pauseBlobOnFault, pauseUnpackOnFault } from './handlers/pause.ts';
import { processBlobs, recordBlobFailure, requestGrouping } from './handlers/process-blobs.ts';
import { unpackEvidence } from './handlers/unpack-evidence.ts';
import { matchCase, rematchForSet } from './handlers/match-case.ts';
import { requestSuggestions, suggestForCase } from './handlers/suggest-case.ts';
import { extractReport, recordExtractFailure, type ExtractDeps } from './handlers/extract-report.ts';
import type { PdqIndexes } from './matching/pdq-indexes.ts';
import { QUEUES, type Jobs } from './jobs.ts';
import { PROMPT_POLLING, workPromptly } from './work-promptly.ts';
import { registerVideoWorker } from './video/register-video.ts';

type JobWithMeta<T> = Job<T> & { retryCount?: number; retryLimit?: number };

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
      logOutcome(deps, 'evidence.unpack', j.data.evidenceId, await unpackEvidence(deps, j.data.evidenceId));
    } catch (error) {
      logOutcome(deps, 'evidence.unpack', j.data.evidenceId, error as Error);
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
    const outcomes = await processBlobs(
      deps,
      jobs.map((j) => j.data.sha256),
      concurrency,
    );
    for (const job of jobs as Array<JobWithMeta<Jobs['blob.process']>>) {
      const outcome = outcomes.get(job.data.sha256)!;
      logOutcome(deps, 'blob.process', job.data.sha256, outcome);
      if (!(outcome instanceof Error)) continue;
      if (await pauseBlobOnFault(deps, job.data.sha256, outcome, isFinalAttempt(job))) continue;
      if (isFinalAttempt(job)) await recordBlobFailure(deps, job.data.sha256, outcome);
      else failures.push(outcome);
    }
    await requestGrouping(
      deps,
      jobs.map((j) => j.data.sha256),
    );
    if (failures.length > 0) throw failures[0]; // retried: blobs already done are skipped
  });

  await workPromptly<Jobs['case.group']>(boss, 'case.group', { ...polling, batchSize: 1 }, async ([job]) => {
    logOutcome(deps, 'case.group', job!.data.caseId, await groupCase(deps, job!.data.caseId));
  });

  await workPromptly<Jobs['case.match']>(boss, 'case.match', { ...polling, batchSize: 1 }, async ([job]) => {
    const outcome = await matchCase(deps, indexes, job!.data.caseId);
    logOutcome(deps, 'case.match', job!.data.caseId, outcome);
    if (outcome.status === 'done') await requestSuggestions(deps, job!.data.caseId);
  });

  await workPromptly<Jobs['case.suggest']>(boss, 'case.suggest', { ...polling, batchSize: 1 }, async ([job]) => {
    logOutcome(deps, 'case.suggest', job!.data.caseId, await suggestForCase(deps, job!.data.caseId));
  });

  await workPromptly<Jobs['hashset.rematch']>(boss, 'hashset.rematch', { ...polling, batchSize: 1 }, async ([job]) => {
    logOutcome(deps, 'hashset.rematch', job!.data.setId, await rematchForSet(deps, job!.data.setId));
  });
  await registerVideoWorker(boss, deps, concurrency);
  // The safety-net sweep (lost jobs, stale temp files) is started by the runtime, which stops it: server/workers.ts.
  return Object.keys(QUEUES);
}

/** Meldingen: one extraction per melding at a time (stately queue); OCR runs in this process through `deps.ocr`. */
export async function registerReportWorkers(boss: PgBoss, deps: ExtractDeps): Promise<void> {
  const options = { ...PROMPT_POLLING, batchSize: 1, loops: 2 };
  await workPromptly<Jobs['report.extract']>(boss, 'report.extract', options, async ([job]) => {
    const j = job as JobWithMeta<Jobs['report.extract']>;
    try {
      logOutcome(deps, 'report.extract', j.data.reportId, await extractReport(deps, j.data.reportId));
    } catch (error) {
      logOutcome(deps, 'report.extract', j.data.reportId, error as Error);
      // After the last retry the melding must not stay 'extracting': the reason goes on its row.
      if (isFinalAttempt(j)) await recordExtractFailure(deps, j.data.reportId, error as Error);
      throw error;
    }
  });
}
