// The workbench grid, read from the per-case media projection and its counters (migration 012): pages, totals,
// counts, facets and near groups cost the same whatever the size of the case. Drain the case first (see
// media-projection.repository.ts) so every committed write is in.
import { many, one, type Queryable } from '../db.ts';

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
  /** A camera body (devices.id) and a place or municipality name (migration 013). */
  device: string | null;
  place: string | null;
  /** Words in the text recognised in the image (OCR, migration 014), websearch syntax. */
  text: string | null;
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
  video: { durationSeconds: number | null; frames: number; stripCount: number } | null;
  cursor_key: string;
};

export type GroupRow = {
  group_id: number;
  members: number;
  representative: string;
  representative_has_thumbnail: boolean;
  uncategorised: number;
  categories: string[];
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

type FacetRow = { facet: string; value: string; count: number };

// A video's duration and strip (migration 017), by primary key for the page's rows only.
const VIDEO = `CASE WHEN starts_with(v.mime, 'video/') THEN (SELECT json_build_object('durationSeconds',
  x.duration_seconds, 'frames', x.frame_count, 'stripCount', x.strip_count) FROM blob_videos x
  WHERE x.sha256 = v.sha256) END AS video`;

const COLUMNS = `v.sha256, v.blob_id, v.mime, v.width, v.height, v.item_count, v.first_path, v.date, v.category,
  v.category_source, v.conflict, v.known, v.near_group, v.error, v.has_thumbnail, v.has_gps, ${VIDEO}`;

// Dates as integer microseconds (date_key): exact in a cursor, and the same range test the date index can serve.
const MICROS = (p: string) => `(extract(epoch FROM ${p}::timestamptz) * 1000000)::bigint`;

// Filters $2..$16; a null parameter means "any". Each one can use an index of media_projection.
const FILTERS = `v.case_id = $1 AND ($2::text IS NULL OR v.category = $2) AND (NOT $3::bool OR v.category IS NULL)
  AND ($4::bool IS NULL OR v.known = $4) AND ($5::bool IS NULL OR (v.item_count > 1) = $5)
  AND ($6::bigint IS NULL OR v.group_key = $6) AND ($7::bool IS NULL OR (v.near_group IS NOT NULL) = $7)
  AND ($8::bool IS NULL OR (v.error IS NOT NULL) = $8)
  AND ($9::text IS NULL OR v.mime = $9) AND ($10::text IS NULL OR starts_with(v.mime, $10))
  AND ($11::text IS NULL OR lower(v.make) = lower($11)) AND ($12::text IS NULL OR lower(v.model) = lower($12))
  AND ($13::bool IS NULL OR v.has_gps = $13)
  AND ($14::timestamptz IS NULL OR (v.date >= $14 AND v.date_key >= ${MICROS('$14')}))
  AND ($15::timestamptz IS NULL OR (v.date < $15 AND v.date_key < ${MICROS('$15')}))`;

// Path text ($16) in any path of the content, from the paths' trigram index. A text page sorts its matches instead of
// walking the sort index (+ 0, || ''): matches cluster (a folder), and a walk would read the case up to them.
// Variants by path text (a sorted match list) and recognised text (OCR): a filter left out of the statement, not
// ORed away with "$n IS NULL", so the planner can join from its matches instead of testing every row of the case.
type Variant = 'plain' | 'text' | 'ocr' | 'text-ocr';
const VARIANTS: Variant[] = ['plain', 'text', 'ocr', 'text-ocr'];
const hasPathText = (variant: Variant) => variant === 'text' || variant === 'text-ocr';
const TEXT = `v.sha256 IN (
    SELECT p.blob_sha256 FROM items p WHERE p.case_id = $1 AND p.source_path ILIKE $16 ESCAPE '\\')`;
// Device ($20) and place ($21): the few contents of one body or place, then their rows by primary key.
const CLUES = `($20::bigint IS NULL OR v.sha256 IN (SELECT bd.sha256 FROM blob_devices bd WHERE bd.device_id = $20))
  AND ($21::text IS NULL OR v.sha256 IN (SELECT bp.sha256 FROM blob_places bp
    WHERE lower(bp.municipality) = lower($21) OR lower(bp.place) = lower($21)))`;
// Recognised text ($22): the case's contents whose Dutch or English vector matches, from the (case, tsv) GIN index.
const OCR_MATCHES = `SELECT ct.sha256 FROM case_text ct WHERE ct.case_id = $1
    AND ct.tsv @@ (websearch_to_tsquery('dutch', $22) || websearch_to_tsquery('english', $22))`;
const others = (variant: Variant) => `${FILTERS} AND ${hasPathText(variant) ? TEXT : '$16::text IS NULL'} AND ${CLUES}`;
const hasOcrText = (variant: Variant) => variant === 'ocr' || variant === 'text-ocr';
const where = (variant: Variant) =>
  `${others(variant)} AND ${hasOcrText(variant) ? `v.sha256 IN (${OCR_MATCHES})` : '$22::text IS NULL'}`;

// Keyset pages: (sort key, sha256) > cursor ($17, $18), along the sort's index; sort keys are never null.
const page = (variant: Variant, key: string, cast: string) => {
  const order = hasPathText(variant) ? `${key} ${cast === 'text' ? "|| ''" : '+ 0'}` : key;
  return `SELECT ${COLUMNS}, ${key}::text AS cursor_key FROM media_projection v
  WHERE ${where(variant)} AND ($17::text IS NULL OR (${key}, v.sha256) > ($17::${cast}, $18::text))
  ORDER BY ${order}, v.sha256 LIMIT $19`;
};
const pages = (variant: Variant): Record<MediaSort, string> => ({
  path: page(variant, 'v.first_path', 'text'),
  date: page(variant, 'v.date_key', 'bigint'),
  group: page(variant, 'v.group_key', 'bigint'),
});
// A count passes the page's cursor and limit ($17..$19) as nulls: typed here, since PostgreSQL must know every one.
const NO_PAGE = 'num_nulls($17::text, $18::text, $19::int) >= 0';
// Recognised text alone is counted from its matches, a primary-key probe each (OFFSET 0 keeps that order), never by
// scanning the case: text-bearing media are a small share of a case of millions.
const count = (variant: Variant) =>
  variant === 'ocr'
    ? `SELECT count(*)::int AS n FROM (${OCR_MATCHES} OFFSET 0) m CROSS JOIN LATERAL (SELECT 1 FROM media_projection v
      WHERE v.sha256 = m.sha256 AND ${others(variant)} AND ${NO_PAGE} OFFSET 0) x`
    : `SELECT count(*)::int AS n FROM media_projection v WHERE ${where(variant)} AND ${NO_PAGE}`;

const sql = {
  page: Object.fromEntries(VARIANTS.map((v) => [v, pages(v)])) as Record<Variant, Record<MediaSort, string>>,
  count: Object.fromEntries(VARIANTS.map((v) => [v, count(v)])) as Record<Variant, string>,
  // One counter, or the media not counted by it ($5); values matched exactly, by prefix or ignoring case ($3).
  counter: `SELECT (CASE WHEN $5::bool THEN (SELECT coalesce(sum(m.n), 0) FROM media_projection_counts m
        WHERE m.case_id = $1 AND m.facet = 'media') - coalesce(sum(c.n), 0) ELSE coalesce(sum(c.n), 0) END)::int AS n
    FROM media_projection_counts c
    WHERE c.case_id = $1 AND c.facet = $2 AND CASE $3::text WHEN 'prefix' THEN starts_with(c.value, $4)
      WHEN 'lower' THEN lower(c.value) = lower($4) ELSE c.value = $4 END`,
  counts: `SELECT facet, sum(n)::bigint AS n FROM media_projection_counts WHERE case_id = $1 AND value = ''
    GROUP BY facet`,
  // The filter panel's choices: the most frequent first per facet, the uncategorised ones as 'none'.
  facets: `SELECT f.facet, f.value, f.n::int AS count FROM (
      SELECT CASE c.facet WHEN 'category_none' THEN 'category' ELSE c.facet END AS facet,
        CASE c.facet WHEN 'category_none' THEN 'none' ELSE c.value END AS value, c.n
      FROM media_projection_counts c
      WHERE c.case_id = $1 AND c.facet IN ('mime', 'make', 'model', 'category', 'category_none') AND c.n > 0
    ) f ORDER BY 1, 3 DESC, 2 LIMIT 2000`,
  // Along the group index, so a page of groups reads only its own members.
  groups: `SELECT v.group_key AS group_id, count(*)::int AS members,
      (array_agg(v.sha256 ORDER BY v.has_thumbnail DESC, (v.width::bigint * v.height) DESC NULLS LAST, v.sha256))[1]
        AS representative,
      bool_or(v.has_thumbnail) AS representative_has_thumbnail,
      count(*) FILTER (WHERE v.category IS NULL)::int AS uncategorised,
      coalesce(array_agg(DISTINCT v.category) FILTER (WHERE v.category IS NOT NULL), '{}') AS categories
    FROM media_projection v
    WHERE v.case_id = $1 AND v.group_key > $2 AND v.group_key < 9223372036854775807
    GROUP BY v.group_key ORDER BY v.group_key LIMIT $3`,
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

/** Parameters appended after the cursor and limit ($17..$19), from $20 on. */
const tailValues = (f: MediaFilterParams) => [f.device, f.place, f.text];

const textOf = (f: MediaFilterParams): Variant =>
  f.pathLike === null ? (f.text === null ? 'plain' : 'ocr') : f.text === null ? 'text' : 'text-ocr';

type Counter = { facet: string; match: 'exact' | 'prefix' | 'lower'; value: string; others: boolean };

const exact = (facet: string, value: string): Counter => ({ facet, match: 'exact', value, others: false });
const flag = (facet: string, on: boolean | null) => (on === null ? undefined : { ...exact(facet, ''), others: !on });
const matching = (facet: string, match: Counter['match'], value: string | null) =>
  value === null ? undefined : { ...exact(facet, value), match };

/** The counter that holds the total of these filters: with no filter, or exactly one that has a counter. */
function counterFor(f: MediaFilterParams): Counter | null {
  // A group, a date range and path text have no counter: counted along their indexes.
  if (f.nearGroup !== null || f.from !== null || f.to !== null || f.pathLike !== null) return null;
  if (f.device !== null || f.place !== null || f.text !== null) return null;
  const set = [
    matching('category', 'exact', f.category),
    f.uncategorised ? exact('category_none', '') : undefined,
    flag('known', f.known),
    flag('duplicate', f.duplicate),
    flag('grouped', f.grouped),
    flag('error', f.hasError),
    flag('gps', f.hasGps),
    matching('mime', 'exact', f.mime),
    matching('mime', 'prefix', f.mimePrefix),
    matching('make', 'lower', f.make),
    matching('model', 'lower', f.model),
  ].filter((c) => c !== undefined);
  if (set.length === 0) return exact('media', '');
  return set.length === 1 ? set[0]! : null;
}

export const mediaGridRepo = (db: Queryable) => ({
  page: (
    caseId: string,
    sort: MediaSort,
    f: MediaFilterParams,
    after: { key: string; sha256: string } | null,
    limit: number,
  ) =>
    many<MediaRow>(db, sql.page[textOf(f)][sort], [
      caseId,
      ...filterValues(f),
      after?.key ?? null,
      after?.sha256 ?? null,
      limit,
      ...tailValues(f),
    ]),
  /** How many media match: from the counters when one holds it, else counted along the filters' indexes. */
  async total(caseId: string, f: MediaFilterParams): Promise<number> {
    const c = counterFor(f);
    const params = [caseId, ...filterValues(f), null, null, null, ...tailValues(f)];
    if (!c) return (await one<{ n: number }>(db, sql.count[textOf(f)], params))!.n;
    return (await one<{ n: number }>(db, sql.counter, [caseId, c.facet, c.match, c.value, c.others]))!.n;
  },
  async counts(caseId: string): Promise<CountsRow> {
    const rows = await many<{ facet: string; n: number }>(db, sql.counts, [caseId]);
    const n = (facet: string) => Number(rows.find((r) => r.facet === facet)?.n ?? 0);
    return {
      files: n('files'),
      media: n('media'),
      images: n('images'),
      known: n('known'),
      uncategorised: n('uncategorised'),
      categorised: n('categorised'),
      errors: n('error_items') + n('loose_errors'),
    };
  },
  facets: (caseId: string) => many<FacetRow>(db, sql.facets, [caseId]),
  groups: (caseId: string, afterGroup: number, limit: number) =>
    many<GroupRow>(db, sql.groups, [caseId, afterGroup, limit]),
});
