// The safety net for jobs lost between a commit and an enqueue (a crash, a killed final attempt):
// re-queue work that is visibly unfinished. Handlers are idempotent and the case queues are stately,
// so a sweep that finds nothing lost costs a few queries and no duplicate work.
import { enqueue, enqueueMany } from '../jobs.ts';
import type { HandlerDeps } from './deps.ts';

const sql = {
  // Unpacks that should have finished: stored and never started, or started long ago.
  stalledEvidence: `SELECT id FROM evidence WHERE (status = 'stored' AND uploaded_at < now() - interval '2 minutes')
    OR (status = 'unpacking' AND unpack_started_at < now() - interval '30 minutes') LIMIT 100`,
  stalledBlobs: "SELECT sha256 FROM blobs WHERE status = 'pending' AND created_at < now() - interval '30 minutes' LIMIT 1000",
  // Cases whose content is processed but not yet grouped or matched.
  unfinishedCases: `SELECT DISTINCT i.case_id FROM items i JOIN blobs b ON b.sha256 = i.blob_sha256
    LEFT JOIN case_blob_matched m ON m.case_id = i.case_id AND m.blob_sha256 = b.sha256
    WHERE b.status IN ('done', 'error') AND m.case_id IS NULL AND b.processed_at < now() - interval '2 minutes' LIMIT 100`,
};

export async function sweepStalledWork(deps: HandlerDeps): Promise<number> {
  const evidence = (await deps.pool.query<{ id: string }>(sql.stalledEvidence)).rows;
  for (const e of evidence) await enqueue(deps.boss, 'evidence.unpack', { evidenceId: e.id });
  const blobs = (await deps.pool.query<{ sha256: string }>(sql.stalledBlobs)).rows;
  await enqueueMany(deps.boss, 'blob.process', blobs);
  const cases = (await deps.pool.query<{ case_id: string }>(sql.unfinishedCases)).rows;
  for (const c of cases) {
    await enqueue(deps.boss, 'case.group', { caseId: c.case_id });
    await enqueue(deps.boss, 'case.match', { caseId: c.case_id });
  }
  return evidence.length + blobs.length + cases.length;
}
