import { exec, many, one, type Queryable } from '../db.ts';

export type NewItem = {
  ordinal: number;
  blobSha256: string | null;
  sourcePath: string;
  fileName: string;
  declaredSize: number | null;
  mtime: Date | null;
  depth: number;
  rejectedReason: string | null;
  note: string | null;
};

export type ItemListRow = {
  id: number;
  source_path: string;
  file_name: string;
  mtime: Date | null;
  rejected_reason: string | null;
  note: string | null;
  evidence_id: string;
  blob_sha256: string | null;
  size: number | null;
  md5: string | null;
  sha1: string | null;
  mime: string | null;
  blob_status: string | null;
  decode_error: string | null;
  is_image: boolean | null;
  width: number | null;
  height: number | null;
  pdq: string | null;
  pdq_quality: number | null;
  blockhash: string | null;
  exif: Record<string, unknown> | null;
  exif_error: string | null;
  dup_count: number;
  blob_id: number | null;
  near_group: number | null;
};

export type EvidenceProgress = {
  found: number;
  rejected: number;
  stored: number;
  processed: number;
  failed: number;
  images: number;
  thumbnails: number;
  pending: number;
};

const sql = {
  insertMany: `INSERT INTO items (case_id, evidence_id, ordinal, blob_sha256, source_path, file_name, declared_size, mtime, depth, rejected_reason, note)
    SELECT $1, $2, * FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::timestamptz[], $9::int[], $10::text[], $11::text[])
    ON CONFLICT (evidence_id, ordinal) DO NOTHING`,
  // Keyset pagination by id; duplicate count and near group come from the same case.
  pageForCase: `SELECT i.id, i.source_path, i.file_name, i.mtime, i.rejected_reason, i.note, i.evidence_id, i.blob_sha256,
      b.size, b.md5, b.sha1, b.mime, b.status AS blob_status, b.decode_error, b.is_image, b.width, b.height, b.pdq, b.pdq_quality, b.blockhash,
      b.exif, b.exif_error, b.id AS blob_id, g.group_id AS near_group,
      (SELECT count(*)::int FROM items d WHERE d.case_id = i.case_id AND d.blob_sha256 = i.blob_sha256) AS dup_count
    FROM items i
    LEFT JOIN blobs b ON b.sha256 = i.blob_sha256
    LEFT JOIN case_near_groups g ON g.case_id = i.case_id AND g.blob_sha256 = i.blob_sha256
    WHERE i.case_id = $1 AND i.id > $2 ORDER BY i.id LIMIT $3`,
  progress: `SELECT count(*)::int AS found,
      count(*) FILTER (WHERE i.rejected_reason IS NOT NULL)::int AS rejected,
      count(b.sha256)::int AS stored,
      count(*) FILTER (WHERE b.status IN ('done', 'error'))::int AS processed,
      count(*) FILTER (WHERE i.rejected_reason IS NOT NULL OR b.status = 'error' OR b.size = 0)::int AS failed,
      count(*) FILTER (WHERE b.is_image)::int AS images,
      count(*) FILTER (WHERE b.has_thumbnail)::int AS thumbnails,
      count(*) FILTER (WHERE b.status = 'pending')::int AS pending
    FROM items i LEFT JOIN blobs b ON b.sha256 = i.blob_sha256 WHERE i.evidence_id = $1`,
  caseSummary: `SELECT count(*)::int AS files,
      count(DISTINCT i.blob_sha256)::int AS unique_blobs,
      count(DISTINCT i.blob_sha256) FILTER (WHERE b.is_image)::int AS images,
      count(*) FILTER (WHERE i.rejected_reason IS NOT NULL OR b.status = 'error' OR b.size = 0)::int AS errors
    FROM items i LEFT JOIN blobs b ON b.sha256 = i.blob_sha256 WHERE i.case_id = $1`,
  exactGroups: `SELECT count(*)::int AS n FROM (SELECT blob_sha256 FROM items WHERE case_id = $1 AND blob_sha256 IS NOT NULL
    GROUP BY blob_sha256 HAVING count(*) > 1) d`,
  nearGroups:
    'SELECT count(DISTINCT group_id)::int AS n FROM case_near_groups WHERE case_id = $1 AND group_id IS NOT NULL',
};

export const itemsRepo = (db: Queryable) => ({
  insertMany: (caseId: string, evidenceId: string, rows: NewItem[]) =>
    exec(db, sql.insertMany, [
      caseId,
      evidenceId,
      rows.map((r) => r.ordinal),
      rows.map((r) => r.blobSha256),
      rows.map((r) => r.sourcePath),
      rows.map((r) => r.fileName),
      rows.map((r) => r.declaredSize),
      rows.map((r) => r.mtime),
      rows.map((r) => r.depth),
      rows.map((r) => r.rejectedReason),
      rows.map((r) => r.note),
    ]),
  pageForCase: (caseId: string, afterId: number, limit: number) =>
    many<ItemListRow>(db, sql.pageForCase, [caseId, afterId, limit]),
  progress: async (evidenceId: string) => (await one<EvidenceProgress>(db, sql.progress, [evidenceId]))!,
  caseSummary: async (caseId: string) =>
    (await one<{ files: number; unique_blobs: number; images: number; errors: number }>(db, sql.caseSummary, [
      caseId,
    ]))!,
  exactGroups: async (caseId: string) => (await one<{ n: number }>(db, sql.exactGroups, [caseId]))!.n,
  nearGroups: async (caseId: string) => (await one<{ n: number }>(db, sql.nearGroups, [caseId]))!.n,
});
