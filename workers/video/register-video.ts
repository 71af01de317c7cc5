// Binds video.process to its queue: its own loop, so a long decode never holds up images or other videos' batches.
import type { JobWithMetadata, PgBoss } from 'pg-boss';
import { logOutcome, type HandlerDeps } from '../handlers/deps.ts';
import type { Jobs } from '../jobs.ts';
import { PROMPT_POLLING, workPromptly } from '../work-promptly.ts';
import { processVideo, recordVideoFailure } from './process-video.ts';

export async function registerVideoWorker(boss: PgBoss, deps: HandlerDeps, concurrency: number): Promise<void> {
  // ffmpeg decodes on one thread: half the worker lanes leave the rest to image ingest.
  const options = { ...PROMPT_POLLING, batchSize: 1, loops: Math.max(1, Math.floor(concurrency / 2)) };
  await workPromptly<Jobs['video.process']>(boss, 'video.process', options, async ([job]) => {
    const j = job as JobWithMetadata<Jobs['video.process']>;
    try {
      logOutcome(deps, 'video.process', j.data.sha256, await processVideo(deps, j.data.sha256));
    } catch (error) {
      logOutcome(deps, 'video.process', j.data.sha256, error as Error);
      if (j.retryCount >= j.retryLimit) return recordVideoFailure(deps, j.data.sha256, error as Error);
      throw error;
    }
  });
}
