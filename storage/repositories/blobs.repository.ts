import { exec, many, one, type Queryable } from '../db.ts';

export type BlobRow = {
  id: number;
  sha256: string;
  md5: string;
  sha1: string;
  size: number;
  status: 'pending' | 'done' | 'error';
  mime: string | null;
  is_image: boolean;
  width: number | null;
  height: number | null;
  frames: number | null;
  pdq: string | null;
  pdq_quality: number | null;
  pdq_dihedral: string[] | null;
  blockhash: string | null;
  exif: Record<string, unknown> | null;
  has_thumbnail: boolean;
  decode_error: string | null;
  processed_at: Date | null;
};

export type BlobResult = {
  sha256: string;
  status: 'done' | 'error';
  mime: string | null;
  isImage: boolean;
  width: number | null;
  height: number | null;
  frames: number | null;
  pdq: string | null;
  pdqQuality: number | null;
  pdqDihedral: string[] | null;
  blockhash: string | null;
  exif: Record<string, unknown> | null;
  hasThumbnail: boolean;
  decodeError: string | null;
};

const sql = {
  // Duplicates inside one batch are harmless with DO NOTHING.
  upsertMany: `INSERT INTO blobs (sha256, md5, sha1, size)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) ON CONFLICT (sha256) DO NOTHING`,
  pendingAmong: "SELECT sha256 FROM blobs WHERE sha256 = ANY($1) AND status = 'pending'",
  bySha: 'SELECT * FROM blobs WHERE sha256 = $1',
  // Only a pending blob is written, so a re-run job never overwrites finished work.
  saveResult: `UPDATE blobs SET status = $2, mime = $3, is_image = $4, width = $5, height = $6, frames = $7, pdq = $8, pdq_quality = $9,
    pdq_dihedral = $10, blockhash = $11, exif = $12, has_thumbnail = $13, decode_error = $14, processed_at = now(),
    paused_reason = NULL, paused_at = NULL
    WHERE sha256 = $1 AND status = 'pending'`,
  casesOf: 'SELECT DISTINCT case_id FROM items WHERE blob_sha256 = ANY($1)',
  shaByDigest: 'SELECT sha256 FROM blobs WHERE md5 = $1 OR sha1 = $2 LIMIT 1',
  usablePdqPage: `SELECT id, sha256, pdq_dihedral FROM blobs
    WHERE pdq IS NOT NULL AND pdq_quality >= $1 AND id > $2 ORDER BY id LIMIT $3`,
  pdqProcessedSince: `SELECT id, pdq FROM blobs
    WHERE pdq IS NOT NULL AND processed_at >= $1 AND id > $2 ORDER BY id LIMIT $3`,
};

export const blobsRepo = (db: Queryable) => ({
  upsertMany: (rows: Array<{ sha256: string; md5: string; sha1: string; size: number }>) =>
    exec(db, sql.upsertMany, [
      rows.map((r) => r.sha256),
      rows.map((r) => r.md5),
      rows.map((r) => r.sha1),
      rows.map((r) => r.size),
    ]),
  pendingAmong: async (shas: string[]) =>
    (await many<{ sha256: string }>(db, sql.pendingAmong, [shas])).map((r) => r.sha256),
  bySha: (sha256: string) => one<BlobRow>(db, sql.bySha, [sha256]),
  saveResult: (r: BlobResult) =>
    exec(db, sql.saveResult, [
      r.sha256,
      r.status,
      r.mime,
      r.isImage,
      r.width,
      r.height,
      r.frames,
      r.pdq,
      r.pdqQuality,
      r.pdqDihedral,
      r.blockhash,
      r.exif,
      r.hasThumbnail,
      r.decodeError,
    ]),
  casesOf: async (shas: string[]) => (await many<{ case_id: string }>(db, sql.casesOf, [shas])).map((r) => r.case_id),
  /** The content with this MD5 or SHA-1, if any case holds it. */
  shaByDigest: async (md5: string | null, sha1: string | null) =>
    (await one<{ sha256: string }>(db, sql.shaByDigest, [md5, sha1]))?.sha256 ?? null,
  /** Content whose PDQ is good enough to match on, by id, one page at a time. */
  usablePdqPage: (minQuality: number, afterId: number, limit: number) =>
    many<{ id: number; sha256: string; pdq_dihedral: string[] }>(db, sql.usablePdqPage, [minQuality, afterId, limit]),
  /** PDQs of content processed since a moment (the in-memory index's incremental refresh). */
  pdqProcessedSince: (since: Date, afterId: number, limit: number) =>
    many<{ id: number; pdq: string }>(db, sql.pdqProcessedSince, [since, afterId, limit]),
});
