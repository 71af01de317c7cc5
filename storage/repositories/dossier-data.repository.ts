// What a case's dossier reads: its header, the figures, the evidence with its chain of custody, cross-case links,
// series, the audit excerpt up to the dossier's anchor, and every item in keyset pages (never the whole case at once).
import { many, one, type Queryable } from '../db.ts';
import type { AuditRow } from './audit.repository.ts';

export type DossierCaseRow = {
  id: string;
  number: string;
  title: string;
  status: string;
  unit_name: string;
  unit_code: string;
  created_at: Date;
};
export type DossierMemberRow = { username: string; display_name: string; role: string; contact: string | null };
type ItemStatus = 'categorised' | 'uncategorised' | 'error';
export type DossierTotals = {
  files: number;
  unique: number;
  images: number;
  videos: number;
  uncategorised: number;
  uncategorised_videos: number;
  errors: number;
};
export type CategoryCountRow = {
  scheme: string;
  category: string;
  source: 'manual' | 'hashset' | null;
  set_name: string | null;
  set_version: string | null;
  unique: number;
  files: number;
  videos: number;
};
export type ReasonCountRow = { reason: string; files: number };
export type DossierEvidenceRow = {
  id: string;
  original_name: string;
  sha256: string;
  size: number;
  kind: string;
  uploaded_by_name: string;
  uploaded_at: Date;
  status: string;
  error: string | null;
  files: number;
};
export type CrossCaseRow = { number: string; unit_name: string; unit_id: number; contents: number; exact: boolean };
export type SubjectRow = { kind: string; label: string; identified: boolean; contents: number };
export type SeriesRow = { series: string; contents: number; files: number; victim_identified: number };
export type DossierItemRow = {
  id: number;
  source_path: string;
  evidence_sha256: string;
  size: number | null;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  pdq: string | null;
  mime: string | null;
  scheme: string | null;
  category: string | null;
  source: 'manual' | 'hashset' | null;
  set_name: string | null;
  set_version: string | null;
  status: ItemStatus;
  error: string | null;
};
/** Which items a table lists: one category of one scheme, the uncategorised ones, or those with an error. */
export type ItemBucket =
  { status: 'categorised'; scheme: string; category: string } | { status: 'uncategorised' | 'error' };

// One classification for every count and listing: a category wins, else an error, else uncategorised.
const STATUS = `CASE WHEN cm.category IS NOT NULL THEN 'categorised'
  WHEN i.rejected_reason IS NOT NULL OR b.status = 'error' OR b.size = 0 THEN 'error' ELSE 'uncategorised' END`;
const REASON = `coalesce(i.rejected_reason, b.decode_error, CASE WHEN b.size = 0 THEN 'empty file' END, 'not processable')`;
// A page of the case's items by id first (an index range), then its joins: never the whole case per page.
const PAGE = 'WITH page AS (SELECT * FROM items WHERE case_id = $1 AND id > $2 ORDER BY id LIMIT $3)';
// LATERAL … LIMIT 1: a keyed lookup per item of the page, never a hash join over every blob of the installation.
const PAGE_FROM = `FROM page i JOIN evidence e ON e.id = i.evidence_id
  LEFT JOIN LATERAL (SELECT * FROM blobs x WHERE x.sha256 = i.blob_sha256 LIMIT 1) b ON true
  LEFT JOIN LATERAL (SELECT * FROM case_media y WHERE y.case_id = i.case_id AND y.blob_sha256 = i.blob_sha256 LIMIT 1)
    cm ON true`;
const ITEM_FROM = `FROM items i JOIN evidence e ON e.id = i.evidence_id
  LEFT JOIN blobs b ON b.sha256 = i.blob_sha256
  LEFT JOIN case_media cm ON cm.case_id = i.case_id AND cm.blob_sha256 = i.blob_sha256`;
const ITEM_COLUMNS = `i.id, i.source_path, e.sha256 AS evidence_sha256, coalesce(b.size, i.declared_size) AS size,
  b.md5, b.sha1, b.sha256, b.pdq, b.mime, cm.scheme, cm.category, cm.source,
  cm.provenance->>'hashSet' AS set_name, cm.provenance->>'version' AS set_version, ${STATUS} AS status,
  CASE WHEN ${STATUS} = 'error' THEN ${REASON} END AS error`;

const sql = {
  caseHead: `SELECT c.id, c.number, c.title, c.status, u.name AS unit_name, u.code AS unit_code, c.created_at
    FROM cases c JOIN units u ON u.id = c.unit_id WHERE c.id = $1`,
  members: `SELECT u.username, u.display_name, u.role, u.contact FROM case_members m JOIN users u ON u.id = m.user_id
    WHERE m.case_id = $1 ORDER BY u.role, u.display_name, u.username`,
  // Work still running would change the figures under the dossier: it waits until the case is at rest.
  unfinished: `SELECT (SELECT count(*) FROM evidence WHERE case_id = $1 AND status NOT IN ('unpacked', 'failed'))::int
      + (SELECT count(*) FROM items i JOIN blobs b ON b.sha256 = i.blob_sha256
         WHERE i.case_id = $1 AND b.status = 'pending')::int AS n`,
  // The last change the dossier includes: audited changes of the case (not views, lists or downloads) and the
  // times the workers stamp on what they produce (processing, matching, categorisation) without an audit entry.
  asOf: `SELECT greatest(
      (SELECT max(at) FROM audit_log WHERE case_id = $1 AND action !~ $2),
      (SELECT max(greatest(uploaded_at, unpacked_at)) FROM evidence WHERE case_id = $1),
      (SELECT max(categorised_at) FROM case_media WHERE case_id = $1),
      (SELECT max(matched_at) FROM matches WHERE case_id = $1),
      (SELECT max(b.processed_at) FROM items i JOIN blobs b ON b.sha256 = i.blob_sha256 WHERE i.case_id = $1),
      (SELECT created_at FROM cases WHERE id = $1)) AS as_of`,
  // The chain's head at the `as of` moment: the last entry written up to then.
  anchor: 'SELECT id, hash, at FROM audit_log WHERE at <= $1 ORDER BY id DESC LIMIT 1',
  totals: `SELECT count(*)::int AS files, count(DISTINCT i.blob_sha256)::int AS unique,
      count(*) FILTER (WHERE b.mime LIKE 'image/%')::int AS images,
      count(*) FILTER (WHERE b.mime LIKE 'video/%')::int AS videos,
      count(*) FILTER (WHERE ${STATUS} = 'uncategorised')::int AS uncategorised,
      count(*) FILTER (WHERE ${STATUS} = 'uncategorised' AND b.mime LIKE 'video/%')::int AS uncategorised_videos,
      count(*) FILTER (WHERE ${STATUS} = 'error')::int AS errors
    ${ITEM_FROM} WHERE i.case_id = $1`,
  categories: `SELECT cm.scheme, cm.category, cm.source, cm.provenance->>'hashSet' AS set_name,
      cm.provenance->>'version' AS set_version, count(DISTINCT i.blob_sha256)::int AS unique, count(*)::int AS files,
      count(*) FILTER (WHERE b.mime LIKE 'video/%')::int AS videos
    FROM items i JOIN case_media cm ON cm.case_id = i.case_id AND cm.blob_sha256 = i.blob_sha256
      LEFT JOIN blobs b ON b.sha256 = i.blob_sha256
    WHERE i.case_id = $1 AND cm.category IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3 NULLS LAST, 4 NULLS LAST, 5 NULLS LAST`,
  errorReasons: `SELECT ${REASON} AS reason, count(*)::int AS files ${ITEM_FROM}
    WHERE i.case_id = $1 AND ${STATUS} = 'error' GROUP BY 1 ORDER BY 2 DESC, 1`,
  evidence: `SELECT e.id, e.original_name, e.sha256, e.size, e.kind, e.uploaded_by_name, e.uploaded_at, e.status, e.error,
      (SELECT count(*)::int FROM items i WHERE i.evidence_id = e.id) AS files
    FROM evidence e WHERE e.case_id = $1 ORDER BY e.uploaded_at, e.id`,
  custody: `SELECT * FROM audit_log WHERE case_id = $1 AND target_type = 'evidence' AND id <= $2 ORDER BY id`,
  auditPage: `SELECT * FROM audit_log WHERE case_id = $1 AND id <= $2 AND id > $3 ORDER BY id LIMIT $4`,
  crossCase: `SELECT c.number, u.name AS unit_name, u.id AS unit_id, count(DISTINCT m.blob_sha256)::int AS contents,
      bool_or(m.kind = 'exact') AS exact
    FROM matches m JOIN cases c ON c.id = m.other_case_id JOIN units u ON u.id = c.unit_id
    WHERE m.case_id = $1 AND m.target_type = 'case' GROUP BY c.number, u.name, u.id ORDER BY c.number`,
  series: `SELECT cm.series, count(DISTINCT cm.blob_sha256)::int AS contents, count(i.id)::int AS files,
      count(DISTINCT cm.blob_sha256) FILTER (WHERE cm.victim_identified)::int AS victim_identified
    FROM case_media cm JOIN items i ON i.case_id = cm.case_id AND i.blob_sha256 = cm.blob_sha256
    WHERE cm.case_id = $1 AND cm.series IS NOT NULL GROUP BY cm.series ORDER BY cm.series`,
  // Contents of the case an annex may show: only with a stored thumbnail.
  annexCandidates: `SELECT b.sha256, (SELECT count(*)::int FROM items i WHERE i.case_id = $1 AND i.blob_sha256 = b.sha256)
      AS files
    FROM blobs b WHERE b.sha256 = ANY($2::text[]) AND b.has_thumbnail
      AND EXISTS (SELECT 1 FROM items i WHERE i.case_id = $1 AND i.blob_sha256 = b.sha256)`,
  // Victims and series the analysts recorded (migration 015); read only where that table exists.
  hasSubjects:
    "SELECT to_regclass('case_subjects') IS NOT NULL AND to_regclass('case_subject_media') IS NOT NULL AS ok",
  subjects: `SELECT s.kind, s.label, s.identified, count(DISTINCT sm.blob_sha256)::int AS contents
    FROM case_subjects s LEFT JOIN case_subject_media sm ON sm.subject_id = s.id
    WHERE s.case_id = $1 GROUP BY s.id, s.kind, s.label, s.identified ORDER BY s.kind DESC, s.label, s.id`,
  itemPage: `${PAGE} SELECT ${ITEM_COLUMNS} ${PAGE_FROM} ORDER BY i.id`,
  // The page's items in the bucket, plus its last item as the cursor for the next page (in_bucket false).
  bucketPage: `${PAGE} SELECT ${ITEM_COLUMNS},
      (${STATUS} = $4 AND ($4 <> 'categorised' OR (cm.scheme = $5 AND cm.category = $6))) IS TRUE AS in_bucket
    ${PAGE_FROM}
    WHERE (${STATUS} = $4 AND ($4 <> 'categorised' OR (cm.scheme = $5 AND cm.category = $6)))
      OR i.id = (SELECT max(id) FROM page)
    ORDER BY i.id`,
  evidenceItemIds: `SELECT i.id FROM items i JOIN evidence e ON e.id = $1
    WHERE i.case_id = e.case_id AND i.evidence_id = e.id AND i.id > $2 ORDER BY i.id LIMIT $3`,
};

export const dossierDataRepo = (db: Queryable) => ({
  caseHead: (caseId: string) => one<DossierCaseRow>(db, sql.caseHead, [caseId]),
  members: (caseId: string) => many<DossierMemberRow>(db, sql.members, [caseId]),
  unfinished: async (caseId: string) => (await one<{ n: number }>(db, sql.unfinished, [caseId]))!.n,
  /** `readActions`: a regular expression for the audit actions that change nothing (views, lists, downloads). */
  asOf: async (caseId: string, readActions: string) =>
    (await one<{ as_of: Date }>(db, sql.asOf, [caseId, readActions]))!.as_of,
  anchor: (asOf: Date) => one<{ id: number; hash: string; at: Date }>(db, sql.anchor, [asOf]),
  totals: async (caseId: string) => (await one<DossierTotals>(db, sql.totals, [caseId]))!,
  categories: (caseId: string) => many<CategoryCountRow>(db, sql.categories, [caseId]),
  errorReasons: (caseId: string) => many<ReasonCountRow>(db, sql.errorReasons, [caseId]),
  evidence: (caseId: string) => many<DossierEvidenceRow>(db, sql.evidence, [caseId]),
  custody: (caseId: string, anchorId: number) => many<AuditRow>(db, sql.custody, [caseId, anchorId]),
  auditPage: (caseId: string, anchorId: number, afterId: number, limit: number) =>
    many<AuditRow>(db, sql.auditPage, [caseId, anchorId, afterId, limit]),
  crossCase: (caseId: string) => many<CrossCaseRow>(db, sql.crossCase, [caseId]),
  series: (caseId: string) => many<SeriesRow>(db, sql.series, [caseId]),
  subjects: async (caseId: string) =>
    (await one<{ ok: boolean }>(db, sql.hasSubjects))?.ok ? many<SubjectRow>(db, sql.subjects, [caseId]) : [],
  annexCandidates: (caseId: string, shas: string[]) =>
    many<{ sha256: string; files: number }>(db, sql.annexCandidates, [caseId, shas]),
  itemPage: (caseId: string, afterId: number, limit: number) =>
    many<DossierItemRow>(db, sql.itemPage, [caseId, afterId, limit]),
  /** Scans `limit` items after `afterId`: those in the bucket, and the last one scanned (the next cursor). */
  bucketPage: (caseId: string, bucket: ItemBucket, afterId: number, limit: number) =>
    many<DossierItemRow & { in_bucket: boolean }>(db, sql.bucketPage, [
      caseId,
      afterId,
      limit,
      bucket.status,
      bucket.status === 'categorised' ? bucket.scheme : null,
      bucket.status === 'categorised' ? bucket.category : null,
    ]),
  evidenceItemIds: async (evidenceId: string, afterId: number, limit: number) =>
    (await many<{ id: number }>(db, sql.evidenceItemIds, [evidenceId, afterId, limit])).map((r) => r.id),
});
