// Paused ingest work: an unpack (evidence row) or a blob's processing that a passing storage fault
// stopped. Pausing records why and since when; resuming clears that and hands the work back to the queue.
import { exec, many, one, type Queryable } from '../db.ts';
import type { FaultReason } from '../object-store/faults.ts';

export type BlobPause = { reason: FaultReason; since: Date; blobs: number };

const sql = {
  pauseUnpack: `UPDATE evidence SET status = 'paused', paused_reason = $2, paused_at = coalesce(paused_at, now())
    WHERE id = $1 AND status IN ('stored', 'unpacking')`,
  pauseBlob: `UPDATE blobs SET paused_reason = $2, paused_at = coalesce(paused_at, now())
    WHERE sha256 = $1 AND status = 'pending'`,
  // Every evidence holding the blob shows the pause on its row too.
  pauseHolders: `UPDATE evidence SET paused_reason = $2, paused_at = now()
    WHERE id IN (SELECT evidence_id FROM items WHERE blob_sha256 = $1) AND status <> 'failed' AND paused_at IS NULL`,
  blobPauseOfEvidence: `SELECT min(b.paused_reason) AS reason, min(b.paused_at) AS since, count(*)::int AS blobs
    FROM blobs b WHERE b.paused_at IS NOT NULL
    AND EXISTS (SELECT 1 FROM items i WHERE i.blob_sha256 = b.sha256 AND i.evidence_id = $1)`,
  anyPaused: `SELECT EXISTS (SELECT 1 FROM evidence WHERE paused_at IS NOT NULL)
    OR EXISTS (SELECT 1 FROM blobs WHERE paused_at IS NOT NULL) AS paused`,

  resumeUnpack: `UPDATE evidence SET status = 'stored', paused_reason = NULL, paused_at = NULL
    WHERE id = $1 AND status = 'paused'`,
  failedUnpackError: "SELECT error FROM evidence WHERE id = $1 AND status = 'failed'",
  reopenUnpack: "UPDATE evidence SET status = 'stored', error = NULL WHERE id = $1 AND status = 'failed'",
  clearEvidencePause: "UPDATE evidence SET paused_reason = NULL, paused_at = NULL WHERE id = $1 AND status <> 'paused'",
  resumeBlobsOf: `UPDATE blobs SET paused_reason = NULL, paused_at = NULL
    WHERE paused_at IS NOT NULL AND sha256 IN (SELECT blob_sha256 FROM items WHERE evidence_id = $1) RETURNING sha256`,
  // Recorded by the final attempt of blob processing: candidates for a passing fault of older versions.
  failedBlobsOf: `SELECT DISTINCT b.sha256, b.decode_error FROM items i JOIN blobs b ON b.sha256 = i.blob_sha256
    WHERE i.evidence_id = $1 AND b.status = 'error' AND b.decode_error LIKE 'processing failed: %'`,
  reopenBlobs: `UPDATE blobs SET status = 'pending', mime = NULL, is_image = false, width = NULL, height = NULL,
    frames = NULL,
    pdq = NULL, pdq_quality = NULL, pdq_dihedral = NULL, blockhash = NULL, exif = NULL, has_thumbnail = false,
    exif_error = NULL, decode_error = NULL, processed_at = NULL
    WHERE sha256 = ANY($1) AND status = 'error' RETURNING sha256`,

  resumeAllUnpacks: `UPDATE evidence SET status = 'stored', paused_reason = NULL, paused_at = NULL
    WHERE status = 'paused' RETURNING id`,
  clearAllEvidencePauses: `UPDATE evidence SET paused_reason = NULL, paused_at = NULL
    WHERE paused_at IS NOT NULL AND status <> 'paused'`,
  resumeBlobsPage: `UPDATE blobs SET paused_reason = NULL, paused_at = NULL
    WHERE sha256 IN (SELECT sha256 FROM blobs WHERE paused_at IS NOT NULL LIMIT $1) RETURNING sha256`,
};

const shas = (rows: Array<{ sha256: string }>) => rows.map((r) => r.sha256);

export const pausesRepo = (db: Queryable) => ({
  pauseUnpack: (evidenceId: string, reason: FaultReason) => exec(db, sql.pauseUnpack, [evidenceId, reason]),
  /** Pauses the blob; returns how many evidences this newly paused (the first blob of each). */
  pauseBlob: async (sha256: string, reason: FaultReason) => {
    await exec(db, sql.pauseBlob, [sha256, reason]);
    return exec(db, sql.pauseHolders, [sha256, reason]);
  },
  blobPauseOfEvidence: async (evidenceId: string): Promise<BlobPause | null> => {
    type Row = { reason: FaultReason | null; since: Date | null; blobs: number };
    const row = await one<Row>(db, sql.blobPauseOfEvidence, [evidenceId]);
    return row?.reason && row.since ? { reason: row.reason, since: row.since, blobs: row.blobs } : null;
  },
  anyPaused: async () => (await one<{ paused: boolean }>(db, sql.anyPaused))!.paused,

  resumeUnpack: async (evidenceId: string) => (await exec(db, sql.resumeUnpack, [evidenceId])) > 0,
  failedUnpackError: async (evidenceId: string) =>
    (await one<{ error: string | null }>(db, sql.failedUnpackError, [evidenceId]))?.error ?? null,
  reopenUnpack: async (evidenceId: string) => (await exec(db, sql.reopenUnpack, [evidenceId])) > 0,
  clearEvidencePause: (evidenceId: string) => exec(db, sql.clearEvidencePause, [evidenceId]),
  resumeBlobsOf: async (evidenceId: string) => shas(await many(db, sql.resumeBlobsOf, [evidenceId])),
  failedBlobsOf: (evidenceId: string) =>
    many<{ sha256: string; decode_error: string }>(db, sql.failedBlobsOf, [evidenceId]),
  reopenBlobs: async (list: string[]) => shas(await many(db, sql.reopenBlobs, [list])),

  resumeAllUnpacks: async () => (await many<{ id: string }>(db, sql.resumeAllUnpacks)).map((r) => r.id),
  clearAllEvidencePauses: () => exec(db, sql.clearAllEvidencePauses),
  resumeBlobsPage: async (limit: number) => shas(await many(db, sql.resumeBlobsPage, [limit])),
});
