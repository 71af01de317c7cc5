// Media = unique content (a blob) within a case: its detail, paths, categorisation and notes. The grid itself reads
// the per-case projection (media-grid.repository.ts).
import { exec, many, one, type Queryable } from '../db.ts';

export type MediaDetailRow = {
  sha256: string;
  md5: string;
  sha1: string;
  size: number;
  mime: string | null;
  width: number | null;
  height: number | null;
  pdq: string | null;
  pdq_quality: number | null;
  blockhash: string | null;
  status: string;
  decode_error: string | null;
  has_thumbnail: boolean;
  exif: Record<string, unknown> | null;
  exif_error: string | null;
  near_group: number | null;
  category: string | null;
  scheme: string | null;
  source: 'manual' | 'hashset' | null;
  provenance: Record<string, unknown> | null;
  conflict: boolean | null;
  series: string | null;
  victim_identified: boolean | null;
  notes: string | null;
  categorised_by_name: string | null;
  categorised_at: Date | null;
  known: boolean;
};

export type PathRow = {
  id: number;
  source_path: string;
  mtime: Date | null;
  evidence_id: string;
  original_name: string;
};
export type ChangeRow = {
  sha256: string;
  previous_category: string | null;
  previous_source: 'manual' | 'hashset' | null;
};
export type ItemErrorRow = {
  id: number;
  source_path: string;
  error: string;
  mime: string | null;
  size: number | null;
  evidence_name: string;
};

const sql = {
  inCase: `SELECT b.has_thumbnail FROM blobs b
    WHERE b.sha256 = $2 AND EXISTS (SELECT 1 FROM items i WHERE i.case_id = $1 AND i.blob_sha256 = $2)`,
  detail: `SELECT b.sha256, b.md5, b.sha1, b.size, b.mime, b.width, b.height, b.pdq, b.pdq_quality, b.blockhash, b.status, b.decode_error,
      b.has_thumbnail, b.exif, b.exif_error, g.group_id AS near_group, cm.category, cm.scheme, cm.source, cm.provenance, cm.conflict, cm.series,
      cm.victim_identified, cm.notes, u.username AS categorised_by_name, cm.categorised_at,
      (cm.source = 'hashset' OR EXISTS (SELECT 1 FROM matches x WHERE x.case_id = $1 AND x.blob_sha256 = b.sha256 AND x.target_type = 'hashset')) IS TRUE AS known
    FROM blobs b
    LEFT JOIN case_media cm ON cm.case_id = $1 AND cm.blob_sha256 = b.sha256
    LEFT JOIN users u ON u.id = cm.categorised_by
    LEFT JOIN case_near_groups g ON g.case_id = $1 AND g.blob_sha256 = b.sha256
    WHERE b.sha256 = $2`,
  paths: `SELECT i.id, i.source_path, i.mtime, i.evidence_id, e.original_name FROM items i JOIN evidence e ON e.id = i.evidence_id
    WHERE i.case_id = $1 AND i.blob_sha256 = $2 ORDER BY i.source_path, i.id LIMIT $3`,
  // Only content of this case is written; the previous verdicts come back for undo and the audit entry.
  categorise: `WITH target AS (
      SELECT DISTINCT s.sha FROM unnest($2::text[]) AS s(sha)
      WHERE EXISTS (SELECT 1 FROM items i WHERE i.case_id = $1 AND i.blob_sha256 = s.sha)
    ), prev AS (
      SELECT t.sha, cm.category, cm.source FROM target t LEFT JOIN case_media cm ON cm.case_id = $1 AND cm.blob_sha256 = t.sha
    ), up AS (
      INSERT INTO case_media (case_id, blob_sha256, category, scheme, source, provenance, conflict, conflict_detail, categorised_by, categorised_at)
      SELECT $1, sha, $3, $4, 'manual', $5, false, NULL, $6, now() FROM target
      ON CONFLICT (case_id, blob_sha256) DO UPDATE SET category = excluded.category, scheme = excluded.scheme, source = 'manual',
        provenance = excluded.provenance, conflict = false, conflict_detail = NULL, categorised_by = excluded.categorised_by, categorised_at = now()
      RETURNING blob_sha256
    )
    SELECT prev.sha AS sha256, prev.category AS previous_category, prev.source AS previous_source FROM prev JOIN up ON up.blob_sha256 = prev.sha`,
  // Files that could not be used, with the reason, in item order (rejected entries have no blob).
  itemErrors: `SELECT i.id, i.source_path, coalesce(i.rejected_reason, b.decode_error) AS error, b.mime, coalesce(b.size, i.declared_size) AS size,
      e.original_name AS evidence_name
    FROM items i LEFT JOIN blobs b ON b.sha256 = i.blob_sha256 JOIN evidence e ON e.id = i.evidence_id
    WHERE i.case_id = $1 AND i.id > $2 AND (i.rejected_reason IS NOT NULL OR b.decode_error IS NOT NULL)
    ORDER BY i.id LIMIT $3`,
  groupMembers:
    'SELECT blob_sha256, group_id FROM case_near_groups WHERE case_id = $1 AND group_id = ANY($2::bigint[]) ORDER BY group_id, blob_sha256',
  setNotes: `INSERT INTO case_media (case_id, blob_sha256, notes) VALUES ($1, $2, $3)
    ON CONFLICT (case_id, blob_sha256) DO UPDATE SET notes = excluded.notes`,
};

export const mediaRepo = (db: Queryable) => ({
  /** null when the content is not part of the case (callers answer 404). */
  inCase: (caseId: string, sha256: string) => one<{ has_thumbnail: boolean }>(db, sql.inCase, [caseId, sha256]),
  detail: (caseId: string, sha256: string) => one<MediaDetailRow>(db, sql.detail, [caseId, sha256]),
  paths: (caseId: string, sha256: string, limit: number) => many<PathRow>(db, sql.paths, [caseId, sha256, limit]),
  categorise: (
    caseId: string,
    shas: string[],
    v: { category: string | null; scheme: string; provenance: Record<string, unknown>; by: string | null },
  ) => many<ChangeRow>(db, sql.categorise, [caseId, shas, v.category, v.scheme, v.provenance, v.by]),
  itemErrors: (caseId: string, afterId: number, limit: number) =>
    many<ItemErrorRow>(db, sql.itemErrors, [caseId, afterId, limit]),
  groupMembers: (caseId: string, groupIds: number[]) =>
    many<{ blob_sha256: string; group_id: number }>(db, sql.groupMembers, [caseId, groupIds]),
  setNotes: (caseId: string, sha256: string, notes: string | null) => exec(db, sql.setNotes, [caseId, sha256, notes]),
});
