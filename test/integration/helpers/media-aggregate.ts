// The grid answered from scratch: the aggregate over items, blobs, categories, groups and matches that the grid
// ran on every request before the per-case projection (migration 012). Tests hold the projection to it.
import type { Queryable } from '../../../storage/db.ts';
import type {
  CountsRow,
  GroupRow,
  MediaFilterParams,
  MediaRow,
  MediaSort,
} from '../../../storage/repositories/media-grid.repository.ts';

const ISO = String.raw`^(1[89]|20)\d\d-((0[13578]|1[02])-(0[1-9]|[12]\d|3[01])|(0[469]|11)-(0[1-9]|[12]\d|30)|02-(0[1-9]|1\d|2[0-8]))T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?Z$`;

const MEDIA = `WITH m AS (
    SELECT i.blob_sha256 AS sha256, count(*)::int AS item_count, min(i.source_path) AS first_path,
      min(i.mtime) AS first_mtime
    FROM items i WHERE i.case_id = $1 AND i.blob_sha256 IS NOT NULL GROUP BY i.blob_sha256
  ), v AS (
    SELECT m.sha256, m.item_count, m.first_path, b.id AS blob_id, b.mime, b.width, b.height, b.has_thumbnail, b.exif,
      b.decode_error AS error, cm.category, cm.source AS category_source, coalesce(cm.conflict, false) AS conflict,
      g.group_id AS near_group, (b.exif ? 'latitude' AND b.exif ? 'longitude') IS TRUE AS has_gps,
      coalesce(CASE WHEN b.exif->>'dateTimeOriginal' ~ '${ISO}' THEN (b.exif->>'dateTimeOriginal')::timestamptz END,
        m.first_mtime) AS date,
      (cm.source = 'hashset' OR EXISTS (SELECT 1 FROM matches x
        WHERE x.case_id = $1 AND x.blob_sha256 = m.sha256 AND x.target_type = 'hashset')) IS TRUE AS known
    FROM m JOIN blobs b ON b.sha256 = m.sha256
    LEFT JOIN case_media cm ON cm.case_id = $1 AND cm.blob_sha256 = m.sha256
    LEFT JOIN case_near_groups g ON g.case_id = $1 AND g.blob_sha256 = m.sha256
  )`;

const FILTERS = `($2::text IS NULL OR v.category = $2) AND (NOT $3::bool OR v.category IS NULL)
  AND ($4::bool IS NULL OR v.known = $4) AND ($5::bool IS NULL OR (v.item_count > 1) = $5)
  AND ($6::bigint IS NULL OR v.near_group = $6) AND ($7::bool IS NULL OR (v.near_group IS NOT NULL) = $7)
  AND ($8::bool IS NULL OR (v.error IS NOT NULL) = $8)
  AND ($9::text IS NULL OR v.mime = $9) AND ($10::text IS NULL OR starts_with(v.mime, $10))
  AND ($11::text IS NULL OR lower(v.exif->>'make') = lower($11))
  AND ($12::text IS NULL OR lower(v.exif->>'model') = lower($12))
  AND ($13::bool IS NULL OR v.has_gps = $13)
  AND ($14::timestamptz IS NULL OR v.date >= $14) AND ($15::timestamptz IS NULL OR v.date < $15)
  AND ($16::text IS NULL OR EXISTS (SELECT 1 FROM items p
    WHERE p.case_id = $1 AND p.blob_sha256 = v.sha256 AND p.source_path ILIKE $16 ESCAPE '\\'))`;

const COLUMNS = `v.sha256, v.blob_id, v.mime, v.width, v.height, v.item_count, v.first_path, v.date, v.category,
  v.category_source, v.conflict, v.known, v.near_group, v.error, v.has_thumbnail, v.has_gps`;

const KEYS: Record<MediaSort, string> = {
  path: 'v.first_path',
  date: 'coalesce((extract(epoch FROM v.date) * 1000000)::bigint, 9223372036854775807)',
  group: 'coalesce(v.near_group, 9223372036854775807)',
};

const everything = (sort: MediaSort) => `${MEDIA}
  SELECT ${COLUMNS}, ${KEYS[sort]}::text AS cursor_key FROM v WHERE ${FILTERS} ORDER BY ${KEYS[sort]}, v.sha256`;

const sql = {
  counts: `WITH m AS (SELECT DISTINCT blob_sha256 AS sha FROM items WHERE case_id = $1 AND blob_sha256 IS NOT NULL)
    SELECT (SELECT count(*) FROM items WHERE case_id = $1)::int AS files,
      (SELECT count(*) FROM items i LEFT JOIN blobs e ON e.sha256 = i.blob_sha256
        WHERE i.case_id = $1 AND (i.rejected_reason IS NOT NULL OR e.decode_error IS NOT NULL))::int AS errors,
      count(m.sha)::int AS media, count(*) FILTER (WHERE b.is_image)::int AS images,
      count(*) FILTER (WHERE b.is_image AND cm.category IS NULL)::int AS uncategorised,
      count(*) FILTER (WHERE cm.category IS NOT NULL)::int AS categorised,
      count(*) FILTER (WHERE cm.source = 'hashset' OR EXISTS (SELECT 1 FROM matches x
        WHERE x.case_id = $1 AND x.blob_sha256 = m.sha AND x.target_type = 'hashset'))::int AS known
    FROM m JOIN blobs b ON b.sha256 = m.sha LEFT JOIN case_media cm ON cm.case_id = $1 AND cm.blob_sha256 = m.sha`,
  facets: `WITH m AS (SELECT DISTINCT blob_sha256 AS sha FROM items WHERE case_id = $1 AND blob_sha256 IS NOT NULL),
    v AS (SELECT b.mime, b.exif->>'make' AS make, b.exif->>'model' AS model, cm.category
      FROM m JOIN blobs b ON b.sha256 = m.sha LEFT JOIN case_media cm ON cm.case_id = $1 AND cm.blob_sha256 = m.sha)
    SELECT 'mime' AS facet, mime AS value, count(*)::int AS count FROM v WHERE mime IS NOT NULL GROUP BY mime
    UNION ALL SELECT 'make', make, count(*)::int FROM v WHERE make IS NOT NULL GROUP BY make
    UNION ALL SELECT 'model', model, count(*)::int FROM v WHERE model IS NOT NULL GROUP BY model
    UNION ALL SELECT 'category', coalesce(category, 'none'), count(*)::int FROM v GROUP BY category
    ORDER BY 1, 3 DESC, 2 LIMIT 2000`,
  groups: `SELECT g.group_id, count(*)::int AS members,
      (array_agg(g.blob_sha256 ORDER BY b.has_thumbnail DESC, (b.width::bigint * b.height) DESC NULLS LAST,
        g.blob_sha256))[1] AS representative,
      bool_or(b.has_thumbnail) AS representative_has_thumbnail,
      count(*) FILTER (WHERE cm.category IS NULL)::int AS uncategorised,
      coalesce(array_agg(DISTINCT cm.category) FILTER (WHERE cm.category IS NOT NULL), '{}') AS categories
    FROM case_near_groups g JOIN blobs b ON b.sha256 = g.blob_sha256
    LEFT JOIN case_media cm ON cm.case_id = g.case_id AND cm.blob_sha256 = g.blob_sha256
    WHERE g.case_id = $1 AND g.group_id IS NOT NULL GROUP BY g.group_id ORDER BY g.group_id`,
};

/** Every grid filter unset: spread it and set the ones a test or bench needs. */
export const NO_FILTERS: MediaFilterParams = {
  category: null,
  uncategorised: false,
  known: null,
  duplicate: null,
  nearGroup: null,
  grouped: null,
  hasError: null,
  mime: null,
  mimePrefix: null,
  make: null,
  model: null,
  hasGps: null,
  from: null,
  to: null,
  pathLike: null,
  device: null,
  place: null,
  text: null,
};

/** Every media of the case matching the filters, in the sort's order, as the grid must page through them. */
export async function aggregateMedia(db: Queryable, caseId: string, sort: MediaSort, f: Partial<MediaFilterParams>) {
  const p = { ...NO_FILTERS, ...f };
  const values = [p.category, p.uncategorised, p.known, p.duplicate, p.nearGroup, p.grouped, p.hasError, p.mime];
  values.push(p.mimePrefix, p.make, p.model, p.hasGps, p.from, p.to, p.pathLike);
  return (await db.query(everything(sort), [caseId, ...values])).rows as MediaRow[];
}

export const aggregateCounts = async (db: Queryable, caseId: string) =>
  (await db.query(sql.counts, [caseId])).rows[0] as CountsRow;

export const aggregateFacets = async (db: Queryable, caseId: string) =>
  (await db.query(sql.facets, [caseId])).rows as Array<{ facet: string; value: string; count: number }>;

export const aggregateGroups = async (db: Queryable, caseId: string) =>
  (await db.query(sql.groups, [caseId])).rows as GroupRow[];
