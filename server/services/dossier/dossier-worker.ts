// Binds the `case.dossier` long job to its queue in this process. A stopping process hands the job on (it starts
// over elsewhere); after the last attempt the failure is recorded; a queued row whose job was lost is queued again.
import type { PgBoss } from 'pg-boss';
import { longJobsRepo } from '../../../storage/repositories/long-jobs.repository.ts';
import { enqueue, type Jobs } from '../../../workers/jobs.ts';
import { PROMPT_POLLING, workPromptly } from '../../../workers/work-promptly.ts';
import { CASE_DOSSIER, failDossierJob, runDossierJob, type DossierJobDeps } from './dossier-job.ts';

const LOST_AFTER_SECONDS = 60;

/** Registers the dossier queue; returns what stops the lost-job sweep. */
export async function registerDossierWorker(boss: PgBoss, deps: DossierJobDeps, stopping: AbortSignal) {
  const options = { ...PROMPT_POLLING, batchSize: 1 };
  await workPromptly<Jobs['case.dossier']>(boss, CASE_DOSSIER, options, async ([job]) => {
    const { jobId } = job!.data;
    try {
      await runDossierJob(deps, jobId, AbortSignal.any([job!.signal, stopping]));
    } catch (error) {
      if (stopping.aborted) return enqueue(boss, 'case.dossier', { jobId });
      if ((job!.retryCount ?? 0) >= (job!.retryLimit ?? 0)) await failDossierJob(deps, jobId, error);
      deps.log(`case.dossier ${jobId}: ${(error as Error).message}`);
      throw error;
    }
  });
  const sweep = async () => {
    for (const id of await longJobsRepo(deps.pool).stalledQueued(CASE_DOSSIER, LOST_AFTER_SECONDS)) {
      await enqueue(boss, 'case.dossier', { jobId: id });
    }
  };
  const timer = setInterval(() => {
    sweep().catch((error: Error) => deps.log(`dossier sweep: ${error.message}`));
  }, LOST_AFTER_SECONDS * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
