import { many, type Queryable } from '../db.ts';

// The sweep's view of work that is visibly unfinished (a job lost between a commit and an enqueue).
const sql = {
  // Unpacks that should have finished: stored and never started, or started long ago.
  stalledEvidence: `SELECT id FROM evidence WHERE (status = 'stored' AND uploaded_at < now() - interval '2 minutes')
    OR (status = 'unpacking' AND unpack_started_at < now() - interval '30 minutes') LIMIT 100`,
  // Paused blobs wait for the resume check (workers/handlers/resume.ts), which first sees the store writable.
  stalledBlobs: `SELECT sha256 FROM blobs WHERE status = 'pending' AND paused_at IS NULL
    AND created_at < now() - interval '30 minutes' LIMIT 1000`,
  // Cases whose content is processed but not yet grouped or matched.
  unfinishedCases: `SELECT DISTINCT i.case_id FROM items i JOIN blobs b ON b.sha256 = i.blob_sha256
    LEFT JOIN case_blob_matched m ON m.case_id = i.case_id AND m.blob_sha256 = b.sha256
    WHERE b.status IN ('done', 'error') AND m.case_id IS NULL AND b.processed_at < now() - interval '2 minutes'
    LIMIT 100`,
  // Meldingen whose extraction should have started or finished by now (jobs are stately: re-queueing is harmless).
  stalledReports: `SELECT id FROM reports WHERE status IN ('pending', 'extracting')
    AND created_at < now() - interval '5 minutes' ORDER BY created_at LIMIT 100`,
};

export const sweepRepo = (db: Queryable) => ({
  stalledEvidence: async () => (await many<{ id: string }>(db, sql.stalledEvidence)).map((r) => r.id),
  stalledBlobs: () => many<{ sha256: string }>(db, sql.stalledBlobs),
  unfinishedCases: async () => (await many<{ case_id: string }>(db, sql.unfinishedCases)).map((r) => r.case_id),
  stalledReports: async () => (await many<{ id: string }>(db, sql.stalledReports)).map((r) => r.id),
});
