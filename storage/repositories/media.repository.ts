// Media = unique content (a blob) within a case, with its categorisation, near group and grid keys.
import { exec, many, one, type Queryable } from '../db.ts';

export type MediaSort = 'path' | 'date' | 'group';

export type MediaFilterParams = {
  category: string | null;
  uncategorised: boolean;
  known: boolean | null;
  duplicate: boolean | null;
  nearGroup: number | null;
  grouped: boolean | null;
  hasError: boolean | null;
  mime: string | null;
  mimePrefix: string | null;
  make: string | null;
  model: string | null;
  hasGps: boolean | null;
  from: string | null;
  to: string | null;
  pathLike: string | null;
};

export type MediaRow = {
  sha256: string;
  blob_id: number;
  mime: string | null;
  width: number | null;
  height: number | null;
  item_count: number;
  first_path: string;
  date: Date | null;
  category: string | null;
  category_source: 'manual' | 'hashset' | null;
  conflict: boolean;
  known: boolean;
  near_group: number | null;
  error: string | null;
  has_thumbnail: boolean;
  has_gps: boolean;
  cursor_key: string;
};

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
export type GroupRow = {
  group_id: number;
  members: number;
  representative: string;
  representative_has_thumbnail: boolean;
  uncategorised: number;
  categories: string[];
};
export type ItemErrorRow = {
  id: number;
  source_path: string;
  error: string;
  mime: string | null;
  size: number | null;
  evidence_name: string;
};
export type CountsRow = {
  files: number;
  media: number;
  images: number;
  known: number;
  uncategorised: number;
  categorised: number;
  errors: number;
};

// EXIF dates are trusted for sorting only when they are well-formed ISO instants (a bad cast would fail the whole page).
const ISO = String.raw`^(1[89]|20)\d\d-((0[13578]|1[02])-(0[1-9]|[12]\d|3[01])|(0[469]|11)-(0[1-9]|[12]\d|30)|02-(0[1-9]|1\d|2[0-8]))T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?Z$`;

// One row per blob of the case ($1) with every column the grid filters and sorts on.
const MEDIA = `WITH m AS (
    SELECT i.blob_sha256 AS sha256, count(*)::int AS item_count, min(i.source_path) AS first_path, min(i.mtime) AS first_mtime
    FROM items i WHERE i.case_id = $1 AND i.blob_sha256 IS NOT NULL GROUP BY i.blob_sha256
  ), v AS (
    SELECT m.sha256, m.item_count, m.first_path, b.id AS blob_id, b.mime, b.width, b.height, b.has_thumbnail, b.exif,
      b.decode_error AS error,
      cm.category, cm.source AS category_source, coalesce(cm.conflict, false) AS conflict, g.group_id AS near_group,
      (b.exif ? 'latitude' AND b.exif ? 'longitude') IS TRUE AS has_gps,
      coalesce(CASE WHEN b.exif->>'dateTimeOriginal' ~ '${ISO}' THEN (b.exif->>'dateTimeOriginal')::timestamptz END, m.first_mtime) AS date,
      (cm.source = 'hashset' OR EXISTS (SELECT 1 FROM matches x WHERE x.case_id = $1 AND x.blob_sha256 = m.sha256 AND x.target_type = 'hashset')) IS TRUE AS known
    FROM m JOIN blobs b ON b.sha256 = m.sha256
    LEFT JOIN case_media cm ON cm.case_id = $1 AND cm.blob_sha256 = m.sha256
    LEFT JOIN case_near_groups g ON g.case_id = $1 AND g.blob_sha256 = m.sha256
  )`;

// Filters $2..$16; a null parameter means "any".
const FILTERS = `($2::text IS NULL OR v.category = $2) AND (NOT $3::bool OR v.category IS NULL)
  AND ($4::bool IS NULL OR v.known = $4) AND ($5::bool IS NULL OR (v.item_count > 1) = $5)
  AND ($6::bigint IS NULL OR v.near_group = $6) AND ($7::bool IS NULL OR (v.near_group IS NOT NULL) = $7)
  AND ($8::bool IS NULL OR (v.error IS NOT NULL) = $8)
  AND ($9::text IS NULL OR v.mime = $9) AND ($10::text IS NULL OR starts_with(v.mime, $10))
  AND ($11::text IS NULL OR lower(v.exif->>'make') = lower($11)) AND ($12::text IS NULL OR lower(v.exif->>'model') = lower($12))
  AND ($13::bool IS NULL OR v.has_gps = $13)
  AND ($14::timestamptz IS NULL OR v.date >= $14) AND ($15::timestamptz IS NULL OR v.date < $15)
  AND ($16::text IS NULL OR EXISTS (SELECT 1 FROM items p WHERE p.case_id = $1 AND p.blob_sha256 = v.sha256 AND p.source_path ILIKE $16 ESCAPE '\\'))`;

const COLUMNS = `v.sha256, v.blob_id, v.mime, v.width, v.height, v.item_count, v.first_path, v.date, v.category, v.category_source,
  v.conflict, v.known, v.near_group, v.error, v.has_thumbnail, v.has_gps`;

// Keyset pages: (sort key, sha256) > cursor ($17, $18); sort keys are never null so the order is total.
// Dates as integer microseconds: exact in a cursor, and safe to cast back.
const DATE_KEY = 'coalesce((extract(epoch FROM v.date) * 1000000)::bigint, 9223372036854775807)';
const GROUP_KEY = 'coalesce(v.near_group, 9223372036854775807)';
const page = (key: string, cast: string) => `${MEDIA}
  SELECT ${COLUMNS}, ${key}::text AS cursor_key FROM v
  WHERE ${FILTERS} AND ($17::text IS NULL OR (${key}, v.sha256) > ($17::${cast}, $18::text))
  ORDER BY ${key}, v.sha256 LIMIT $19`;
// The first page also counts every match, in the same pass (a separate count would aggregate the case twice).
const firstPage = (key: string) => `${MEDIA}
  SELECT ${COLUMNS}, ${key}::text AS cursor_key, count(*) OVER ()::int AS total FROM v
  WHERE ${FILTERS} ORDER BY ${key}, v.sha256 LIMIT $17`;

const sql = {
  page: {
    path: page('v.first_path', 'text'),
    date: page(DATE_KEY, 'bigint'),
    group: page(GROUP_KEY, 'bigint'),
  } as Record<MediaSort, string>,
  firstPage: { path: firstPage('v.first_path'), date: firstPage(DATE_KEY), group: firstPage(GROUP_KEY) } as Record<
    MediaSort,
    string
  >,
  inCase: `SELECT b.has_thumbnail FROM blobs b
    WHERE b.sha256 = $2 AND EXISTS (SELECT 1 FROM items i WHERE i.case_id = $1 AND i.blob_sha256 = $2)`,
  detail: `SELECT b.sha256, b.md5, b.sha1, b.size, b.mime, b.width, b.height, b.pdq, b.pdq_quality, b.blockhash, b.status, b.decode_error,
      b.has_thumbnail, b.exif, g.group_id AS near_group, cm.category, cm.scheme, cm.source, cm.provenance, cm.conflict, cm.series,
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
  groups: `SELECT g.group_id, count(*)::int AS members,
      (array_agg(g.blob_sha256 ORDER BY b.has_thumbnail DESC, (b.width::bigint * b.height) DESC NULLS LAST, g.blob_sha256))[1] AS representative,
      bool_or(b.has_thumbnail) AS representative_has_thumbnail,
      count(*) FILTER (WHERE cm.category IS NULL)::int AS uncategorised,
      coalesce(array_agg(DISTINCT cm.category) FILTER (WHERE cm.category IS NOT NULL), '{}') AS categories
    FROM case_near_groups g JOIN blobs b ON b.sha256 = g.blob_sha256
    LEFT JOIN case_media cm ON cm.case_id = g.case_id AND cm.blob_sha256 = g.blob_sha256
    WHERE g.case_id = $1 AND g.group_id IS NOT NULL AND g.group_id > $2
    GROUP BY g.group_id ORDER BY g.group_id LIMIT $3`,
  counts: `WITH m AS (SELECT DISTINCT blob_sha256 AS sha FROM items WHERE case_id = $1 AND blob_sha256 IS NOT NULL)
    SELECT (SELECT count(*) FROM items WHERE case_id = $1)::int AS files,
      (SELECT count(*) FROM items i LEFT JOIN blobs e ON e.sha256 = i.blob_sha256
        WHERE i.case_id = $1 AND (i.rejected_reason IS NOT NULL OR e.decode_error IS NOT NULL))::int AS errors,
      count(m.sha)::int AS media, count(*) FILTER (WHERE b.is_image)::int AS images,
      count(*) FILTER (WHERE b.is_image AND cm.category IS NULL)::int AS uncategorised,
      count(*) FILTER (WHERE cm.category IS NOT NULL)::int AS categorised,
      count(*) FILTER (WHERE cm.source = 'hashset'
        OR EXISTS (SELECT 1 FROM matches x WHERE x.case_id = $1 AND x.blob_sha256 = m.sha AND x.target_type = 'hashset'))::int AS known
    FROM m JOIN blobs b ON b.sha256 = m.sha LEFT JOIN case_media cm ON cm.case_id = $1 AND cm.blob_sha256 = m.sha`,
  facets: `WITH m AS (SELECT DISTINCT blob_sha256 AS sha FROM items WHERE case_id = $1 AND blob_sha256 IS NOT NULL),
    v AS (SELECT b.mime, b.exif->>'make' AS make, b.exif->>'model' AS model, cm.category
      FROM m JOIN blobs b ON b.sha256 = m.sha LEFT JOIN case_media cm ON cm.case_id = $1 AND cm.blob_sha256 = m.sha)
    SELECT 'mime' AS facet, mime AS value, count(*)::int AS count FROM v WHERE mime IS NOT NULL GROUP BY mime
    UNION ALL SELECT 'make', make, count(*)::int FROM v WHERE make IS NOT NULL GROUP BY make
    UNION ALL SELECT 'model', model, count(*)::int FROM v WHERE model IS NOT NULL GROUP BY model
    UNION ALL SELECT 'category', coalesce(category, 'none'), count(*)::int FROM v GROUP BY category
    ORDER BY 1, 3 DESC, 2 LIMIT 2000`,
};

const filterValues = (f: MediaFilterParams) => [
  f.category,
  f.uncategorised,
  f.known,
  f.duplicate,
  f.nearGroup,
  f.grouped,
  f.hasError,
  f.mime,
  f.mimePrefix,
  f.make,
  f.model,
  f.hasGps,
  f.from,
  f.to,
  f.pathLike,
];

export const mediaRepo = (db: Queryable) => ({
  page: (
    caseId: string,
    sort: MediaSort,
    f: MediaFilterParams,
    after: { key: string; sha256: string } | null,
    limit: number,
  ) =>
    many<MediaRow>(db, sql.page[sort], [caseId, ...filterValues(f), after?.key ?? null, after?.sha256 ?? null, limit]),
  /** The first page with `total` (the number of matching media) on every row. */
  firstPage: (caseId: string, sort: MediaSort, f: MediaFilterParams, limit: number) =>
    many<MediaRow & { total: number }>(db, sql.firstPage[sort], [caseId, ...filterValues(f), limit]),
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
  groups: (caseId: string, afterGroup: number, limit: number) =>
    many<GroupRow>(db, sql.groups, [caseId, afterGroup, limit]),
  counts: async (caseId: string) => (await one<CountsRow>(db, sql.counts, [caseId]))!,
  facets: (caseId: string) => many<{ facet: string; value: string; count: number }>(db, sql.facets, [caseId]),
});
