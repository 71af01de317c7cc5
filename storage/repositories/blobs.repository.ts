import { exec, many, one, type Queryable } from '../db.ts';

/** The PDQ columns that near matching and grouping read (see workers/matching/pdq-variants.ts). */
export type PdqColumns = {
  pdq: string | null;
  pdq_quality: number | null;
  pdq_dihedral: string[] | null;
  pdq_trimmed: string | null;
  pdq_trimmed_dihedral: string[] | null;
};

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
  pdq_trimmed: string | null;
  pdq_trimmed_dihedral: string[] | null;
  trim_checked: boolean;
  blockhash: string | null;
  exif: Record<string, unknown> | null;
  exif_error: string | null;
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
  /** The trimmed-border PDQ and its dihedral hashes (workers/imaging/trim-border.ts), or null. */
  pdqTrimmed: string | null;
  pdqTrimmedDihedral: string[] | null;
  blockhash: string | null;
  exif: Record<string, unknown> | null;
  /** A damaged or truncated EXIF block (the image is still used; it joins no device). */
  exifError?: string | null;
  hasThumbnail: boolean;
  decodeError: string | null;
  /** The OCR pre-check's verdict on the same decode (workers/ocr/precheck-raster.ts); stored in content_text. */
  textPrecheck?: (Record<string, unknown> & { textLike: boolean }) | null;
};

const sql = {
  // Duplicates inside one batch are harmless with DO NOTHING.
  upsertMany: `INSERT INTO blobs (sha256, md5, sha1, size)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) ON CONFLICT (sha256) DO NOTHING`,
  pendingAmong: "SELECT sha256 FROM blobs WHERE sha256 = ANY($1) AND status = 'pending'",
  bySha: 'SELECT * FROM blobs WHERE sha256 = $1',
  // Only a pending blob is written, so a re-run job never overwrites finished work.
  // blob.process batches: the rows in one query and the results in one statement (one trigger run, not one a blob).
  pendingBySha: "SELECT * FROM blobs WHERE sha256 = ANY($1) AND status = 'pending'",
  // Blob results given as one JSON array (one or a batch): only blobs still pending are written.
  saveResults: `UPDATE blobs b SET status = r.status, mime = r.mime, is_image = r.is_image, width = r.width,
    height = r.height, frames = r.frames, pdq = r.pdq, pdq_quality = r.pdq_quality, pdq_dihedral = r.pdq_dihedral,
    blockhash = r.blockhash, exif = r.exif, has_thumbnail = r.has_thumbnail, decode_error = r.decode_error,
    processed_at = now(), paused_reason = NULL, paused_at = NULL, pdq_trimmed = r.pdq_trimmed,
    pdq_trimmed_dihedral = r.pdq_trimmed_dihedral, trim_checked = true, exif_error = r.exif_error
    FROM jsonb_to_recordset($1::jsonb) AS r(sha256 text, status text, mime text, is_image boolean, width int,
      height int, frames int, pdq text, pdq_quality int, pdq_dihedral text[], blockhash text, exif jsonb,
      has_thumbnail boolean, decode_error text, pdq_trimmed text, pdq_trimmed_dihedral text[],
      exif_error text)
    WHERE b.sha256 = r.sha256 AND b.status = 'pending'`,
  casesOf: 'SELECT DISTINCT case_id FROM items WHERE blob_sha256 = ANY($1)',
  shaByDigest: 'SELECT sha256 FROM blobs WHERE md5 = $1 OR sha1 = $2 LIMIT 1',
  usablePdqPage: `SELECT id, sha256, pdq, pdq_quality, pdq_dihedral, pdq_trimmed, pdq_trimmed_dihedral FROM blobs
    WHERE ((pdq IS NOT NULL AND pdq_quality >= $1) OR pdq_trimmed IS NOT NULL) AND id > $2 ORDER BY id LIMIT $3`,
  // Hashed before the trimmed-border PDQ existed (migration 010): the regroup job fills these in.
  trimUncheckedPage: `SELECT id, sha256, size FROM blobs WHERE pdq IS NOT NULL AND NOT trim_checked AND id > $1
    ORDER BY id LIMIT $2`,
  trimUncheckedCount: 'SELECT count(*)::int AS n FROM blobs WHERE pdq IS NOT NULL AND NOT trim_checked',
  saveTrimmed: `UPDATE blobs SET pdq_trimmed = $2, pdq_trimmed_dihedral = $3, trim_checked = true
    WHERE sha256 = $1 AND NOT trim_checked`,
  pdqProcessedSince: `SELECT id, pdq FROM blobs
    WHERE pdq IS NOT NULL AND processed_at >= $1 AND id > $2 ORDER BY id LIMIT $3`,
};

/** One result as a record of the saveResults JSON array (column names as in the table). */
const resultRecord = (r: BlobResult) => ({
  sha256: r.sha256,
  status: r.status,
  mime: r.mime,
  is_image: r.isImage,
  width: r.width,
  height: r.height,
  frames: r.frames,
  pdq: r.pdq,
  pdq_quality: r.pdqQuality,
  pdq_dihedral: r.pdqDihedral,
  blockhash: r.blockhash,
  exif: r.exif,
  exif_error: r.exifError ?? null,
  has_thumbnail: r.hasThumbnail,
  decode_error: r.decodeError,
  pdq_trimmed: r.pdqTrimmed,
  pdq_trimmed_dihedral: r.pdqTrimmedDihedral,
});

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
  saveResult: (r: BlobResult) => exec(db, sql.saveResults, [JSON.stringify([resultRecord(r)])]),
  /** The blobs among these that still wait for processing. */
  pendingBySha: (shas: string[]) => many<BlobRow>(db, sql.pendingBySha, [shas]),
  /** Many results in one statement; returns the rows written (only pending blobs are). */
  saveResults: (results: BlobResult[]) => exec(db, sql.saveResults, [JSON.stringify(results.map(resultRecord))]),
  casesOf: async (shas: string[]) => (await many<{ case_id: string }>(db, sql.casesOf, [shas])).map((r) => r.case_id),
  /** The content with this MD5 or SHA-1, if any case holds it. */
  shaByDigest: async (md5: string | null, sha1: string | null) =>
    (await one<{ sha256: string }>(db, sql.shaByDigest, [md5, sha1]))?.sha256 ?? null,
  /** Content whose PDQ is good enough to match on, by id, one page at a time. */
  usablePdqPage: (minQuality: number, afterId: number, limit: number) =>
    many<PdqColumns & { id: number; sha256: string }>(db, sql.usablePdqPage, [minQuality, afterId, limit]),
  /** Hashed content whose trimmed-border PDQ was never computed (before migration 010), one page at a time. */
  trimUncheckedPage: (afterId: number, limit: number) =>
    many<{ id: number; sha256: string; size: number }>(db, sql.trimUncheckedPage, [afterId, limit]),
  trimUncheckedCount: async () => (await one<{ n: number }>(db, sql.trimUncheckedCount, []))!.n,
  saveTrimmed: (sha256: string, trimmed: { hash: string; dihedral: string[] } | null) =>
    exec(db, sql.saveTrimmed, [sha256, trimmed?.hash ?? null, trimmed?.dihedral ?? null]),
  /** PDQs of content processed since a moment (the in-memory index's incremental refresh). */
  pdqProcessedSince: (since: Date, afterId: number, limit: number) =>
    many<{ id: number; pdq: string }>(db, sql.pdqProcessedSince, [since, afterId, limit]),
});
