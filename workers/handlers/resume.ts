// Resuming paused ingest work: by an operator for one evidence ("hervatten"), or by itself for everything
// once a periodic check finds the store writable again. Nothing is redone twice: unpack rows are keyed by
// ordinal and blob processing skips finished blobs, so resuming only hands unfinished work back to the queue.
import type { PgBoss } from 'pg-boss';
import { inTransaction, type Pool } from '../../storage/db.ts';
import { classifyFaultMessage } from '../../storage/object-store/faults.ts';
import { probeWritable } from '../../storage/object-store/probe.ts';
import { matchesRepo } from '../../storage/repositories/matches.repository.ts';
import { pausesRepo } from '../../storage/repositories/pauses.repository.ts';
import { enqueue, enqueueMany } from '../jobs.ts';
import type { HandlerDeps } from './deps.ts';

export type ResumeResult = { unpack: boolean; blobs: number; reopened: number };
type QueueDeps = { pool: Pool; boss: PgBoss };

const MAX_BACKOFF = 16;
const PAGE = 5000;

/**
 * One evidence: its paused unpack and blobs, plus work that older versions recorded as failed for a passing
 * fault ("unpacking failed: ENOSPC …", "processing failed: ENOSPC …"), which is reopened and done again.
 */
export async function resumeEvidence(deps: QueueDeps, evidenceId: string): Promise<ResumeResult> {
  const { unpack, blobs, reopened } = await inTransaction(deps.pool, async (tx) => {
    const repo = pausesRepo(tx);
    let unpack = await repo.resumeUnpack(evidenceId);
    const failedForFault = !unpack && classifyFaultMessage(await repo.failedUnpackError(evidenceId)) !== null;
    if (failedForFault) unpack = await repo.reopenUnpack(evidenceId);
    await repo.clearEvidencePause(evidenceId);
    const blobs = await repo.resumeBlobsOf(evidenceId);
    const transient = (await repo.failedBlobsOf(evidenceId)).filter((b) => classifyFaultMessage(b.decode_error));
    const reopened = transient.length > 0 ? await repo.reopenBlobs(transient.map((b) => b.sha256)) : [];
    // Matching stamped them as seen while they were errors; once processed they must be matched again.
    if (reopened.length > 0) await matchesRepo(tx).unstamp(reopened);
    return { unpack, blobs, reopened };
  });
  // After the commit; if we die in between, the sweep finds the stored evidence and pending blobs.
  if (unpack) await enqueue(deps.boss, 'evidence.unpack', { evidenceId });
  await enqueueMany(
    deps.boss,
    'blob.process',
    [...blobs, ...reopened].map((sha256) => ({ sha256 })),
  );
  return { unpack, blobs: blobs.length, reopened: reopened.length };
}

/** Everything paused, anywhere: unpacks back to 'stored' and queued, paused blobs queued again. */
async function resumeAllPaused(deps: QueueDeps): Promise<{ unpacks: number; blobs: number }> {
  const repo = pausesRepo(deps.pool);
  const unpacks = await repo.resumeAllUnpacks();
  for (const evidenceId of unpacks) await enqueue(deps.boss, 'evidence.unpack', { evidenceId });
  await repo.clearAllEvidencePauses();
  let blobs = 0;
  for (let page = await repo.resumeBlobsPage(PAGE); page.length > 0; page = await repo.resumeBlobsPage(PAGE)) {
    await enqueueMany(
      deps.boss,
      'blob.process',
      page.map((sha256) => ({ sha256 })),
    );
    blobs += page.length;
  }
  return { unpacks: unpacks.length, blobs };
}

export type ResumeCheckOptions = { checkSeconds: number; minFreeBytes: number };

/**
 * The periodic check: while anything is paused, probe the store and resume when it takes writes again.
 * Paused again right after a resume means space is still short: wait twice as long (up to 16×) before the next.
 */
export function startResumeChecker(deps: HandlerDeps, opts: ResumeCheckOptions): () => void {
  let factor = 1;
  let resumedLastRound = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const round = async () => {
    if (!(await pausesRepo(deps.pool).anyPaused())) {
      factor = 1;
      resumedLastRound = false;
      return;
    }
    if (resumedLastRound) factor = Math.min(factor * 2, MAX_BACKOFF);
    const writable = await probeWritable(deps.store, opts.minFreeBytes);
    resumedLastRound = writable.ok;
    if (!writable.ok) return;
    const resumed = await resumeAllPaused(deps);
    deps.log(`storage writable again: resumed ${resumed.unpacks} unpack(s) and ${resumed.blobs} blob(s)`);
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(
      () => {
        round()
          .catch((error: Error) => deps.log(`resume check: ${error.message}`))
          .finally(schedule);
      },
      opts.checkSeconds * 1000 * factor,
    );
    timer.unref();
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
