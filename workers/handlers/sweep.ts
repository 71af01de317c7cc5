// The safety net for jobs lost between a commit and an enqueue (a crash, a killed final attempt):
// re-queue work that is visibly unfinished. Handlers are idempotent and the case queues are stately,
// so a sweep that finds nothing lost costs a few queries and no duplicate work.
import os from 'node:os';
import { caseTextRepo } from '../../storage/repositories/case-text.repository.ts';
import { sweepRepo } from '../../storage/repositories/sweep.repository.ts';
import { videosRepo } from '../../storage/repositories/videos.repository.ts';
import { OS_TEMP_NAMES, SPOOL_TEMP_NAMES, sweepStaleTemp } from '../../storage/temp-sweep.ts';
import { enqueue, enqueueMany } from '../jobs.ts';
import type { HandlerDeps } from './deps.ts';

async function sweepStalledWork(deps: HandlerDeps): Promise<number> {
  const repo = sweepRepo(deps.pool);
  const evidence = await repo.stalledEvidence();
  for (const evidenceId of evidence) await enqueue(deps.boss, 'evidence.unpack', { evidenceId });
  const blobs = await repo.stalledBlobs();
  await enqueueMany(deps.boss, 'blob.process', blobs);
  const cases = await repo.unfinishedCases();
  for (const caseId of cases) {
    await enqueue(deps.boss, 'case.group', { caseId });
    await enqueue(deps.boss, 'case.match', { caseId });
  }
  const videos = await videosRepo(deps.pool).stalled();
  await enqueueMany(deps.boss, 'video.process', videos);
  const reports = await repo.stalledReports();
  for (const reportId of reports) await enqueue(deps.boss, 'report.extract', { reportId });
  const unread = await sweepLostCaseOcr(deps);
  return evidence.length + blobs.length + cases.length + reports.length + videos.length + unread;
}

/**
 * Cases whose image content has no OCR stamp while no case.ocr job waits for them (queued, retrying, or delayed
 * while hashing runs): that job was lost. A running one is not looked for: beside it the stately queue holds one
 * more, which reads whatever the running one left (normally nothing).
 */
async function sweepLostCaseOcr(deps: HandlerDeps): Promise<number> {
  let lost = 0;
  for (const caseId of await caseTextRepo(deps.pool).casesWithUnread(100)) {
    if ((await deps.boss.findJobs('case.ocr', { key: caseId, queued: true })).length > 0) continue;
    await enqueue(deps.boss, 'case.ocr', { caseId });
    lost += 1;
  }
  return lost;
}

export type SweepOptions = { intervalSeconds: number; tempMaxAgeHours: number };

/** Clears temporary files a crash left in the store's spool folder and the OS temp folder. */
async function sweepStaleTempFiles(deps: HandlerDeps, maxAgeHours: number): Promise<number> {
  const areas = [
    { dir: deps.store.spoolDir(), names: SPOOL_TEMP_NAMES },
    { dir: os.tmpdir(), names: OS_TEMP_NAMES },
  ];
  const removed = await sweepStaleTemp(areas, maxAgeHours * 3600_000);
  if (removed.length > 0) deps.log(`sweep: removed ${removed.length} stale temporary file(s) left by an earlier crash`);
  return removed.length;
}

/** Both sweeps now, then every interval; the returned stop ends the timer and waits for a round in progress. */
export function startSweeps(deps: HandlerDeps, opts: SweepOptions): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const round = async () => {
    await sweepStalledWork(deps).catch((error: Error) => deps.log(`sweep: ${error.message}`));
    await sweepStaleTempFiles(deps, opts.tempMaxAgeHours).catch((error: Error) =>
      deps.log(`temp sweep: ${error.message}`),
    );
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = round().finally(schedule);
    }, opts.intervalSeconds * 1000);
    timer.unref();
  };
  let current = round().finally(schedule);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await current;
  };
}
