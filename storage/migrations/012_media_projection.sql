-- The grid's per-case media projection: one row per unique content per case with every column the grid sorts and
-- filters on, and per-case counters for counts, facets and totals, so a page costs the same at 10k and at 1M.
--
-- How it stays in step: statement triggers on every table a grid fact comes from (items, blobs, case_media,
-- case_near_groups, matches) append the (case, content) keys they touch to media_projection_dirty, in the writer's
-- own transaction. media_projection_drain() then recomputes those keys from the source tables, one case at a
-- time under a per-case lock, in a transaction of its own. Workers drain after unpacking, grouping and matching;
-- the grid drains before it reads, so it always answers from every committed write. Writers never lock the
-- projection itself: no lock waits or deadlocks between ingest, matching, grouping and analysts.

-- Derived data: no foreign keys (the source tables have them), rebuilt from the sources by the drain.
CREATE TABLE media_projection (
  case_id uuid NOT NULL,
  sha256 text NOT NULL,
  blob_id bigint NOT NULL,
  item_count int NOT NULL,
  -- Files of this content counted as failed (rejected, or every file when the content could not be decoded).
  error_items int NOT NULL,
  first_path text NOT NULL,
  -- EXIF DateTimeOriginal when well-formed, else the earliest file date; date_key is its sort key (microseconds).
  date timestamptz,
  date_key bigint NOT NULL,
  near_group bigint,
  group_key bigint NOT NULL,
  mime text,
  is_image boolean NOT NULL,
  width int,
  height int,
  has_thumbnail boolean NOT NULL,
  error text,
  make text,
  model text,
  has_gps boolean NOT NULL,
  category text,
  category_source text,
  conflict boolean NOT NULL,
  known boolean NOT NULL,
  PRIMARY KEY (case_id, sha256)
);

-- Per-case counters, summed from the projection rows (facet 'mime' value 'image/jpeg' n 1234, facet 'media' value '').
CREATE TABLE media_projection_counts (
  case_id uuid NOT NULL,
  facet text NOT NULL,
  value text NOT NULL,
  n bigint NOT NULL,
  PRIMARY KEY (case_id, facet, value)
);

-- Keys to recompute (sha256 NULL: only a change in the case's file counters). Append-only for writers.
CREATE TABLE media_projection_dirty (
  id bigint GENERATED ALWAYS AS IDENTITY,
  case_id uuid NOT NULL,
  sha256 text,
  files int NOT NULL DEFAULT 0,
  loose_errors int NOT NULL DEFAULT 0
);
CREATE INDEX media_projection_dirty_case_idx ON media_projection_dirty (case_id, id);

-- The projection rows of some contents of one case, computed from the source tables (the grid's former aggregate).
-- EXIF dates count only when they are well-formed ISO instants, so a bad one cannot fail the cast.
CREATE FUNCTION media_projection_rows(p_case uuid, p_shas text[]) RETURNS SETOF media_projection
LANGUAGE sql STABLE AS $$
  SELECT a.case_id, a.sha256, b.id, a.item_count,
    CASE WHEN b.decode_error IS NOT NULL THEN a.item_count ELSE a.rejected END,
    a.first_path, d.date, coalesce((extract(epoch FROM d.date) * 1000000)::bigint, 9223372036854775807),
    g.group_id, coalesce(g.group_id, 9223372036854775807),
    b.mime, b.is_image, b.width, b.height, b.has_thumbnail, b.decode_error, b.exif->>'make', b.exif->>'model',
    (b.exif ? 'latitude' AND b.exif ? 'longitude') IS TRUE,
    cm.category, cm.source, coalesce(cm.conflict, false),
    (cm.source = 'hashset' OR EXISTS (SELECT 1 FROM matches x
      WHERE x.case_id = a.case_id AND x.blob_sha256 = a.sha256 AND x.target_type = 'hashset')) IS TRUE
  FROM (
    SELECT p_case AS case_id, i.blob_sha256 AS sha256, count(*)::int AS item_count, min(i.source_path) AS first_path,
      min(i.mtime) AS first_mtime, (count(*) FILTER (WHERE i.rejected_reason IS NOT NULL))::int AS rejected
    FROM items i WHERE i.case_id = p_case AND i.blob_sha256 = ANY (p_shas) GROUP BY i.blob_sha256
  ) a
  JOIN blobs b ON b.sha256 = a.sha256
  LEFT JOIN case_media cm ON cm.case_id = a.case_id AND cm.blob_sha256 = a.sha256
  LEFT JOIN case_near_groups g ON g.case_id = a.case_id AND g.blob_sha256 = a.sha256
  CROSS JOIN LATERAL (SELECT coalesce(CASE WHEN b.exif->>'dateTimeOriginal' ~
      '^(1[89]|20)\d\d-((0[13578]|1[02])-(0[1-9]|[12]\d|3[01])|(0[469]|11)-(0[1-9]|[12]\d|30)|02-(0[1-9]|1\d|2[0-8]))'
      'T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?Z$'
    THEN (b.exif->>'dateTimeOriginal')::timestamptz END, a.first_mtime) AS date) d
$$;

-- What one projection row adds to its case's counters.
CREATE FUNCTION media_projection_facets(r media_projection) RETURNS TABLE (facet text, value text, n int)
LANGUAGE sql IMMUTABLE AS $$
  SELECT f.facet, f.value, f.n FROM (VALUES
    ('media', '', 1),
    ('images', '', r.is_image::int),
    ('uncategorised', '', (r.is_image AND r.category IS NULL)::int),
    ('categorised', '', (r.category IS NOT NULL)::int),
    ('known', '', r.known::int),
    ('duplicate', '', (r.item_count > 1)::int),
    ('grouped', '', (r.near_group IS NOT NULL)::int),
    ('error', '', (r.error IS NOT NULL)::int),
    ('gps', '', r.has_gps::int),
    ('error_items', '', r.error_items),
    ('category', r.category, 1),
    ('category_none', CASE WHEN r.category IS NULL THEN '' END, 1),
    ('mime', r.mime, 1),
    ('make', r.make, 1),
    ('model', r.model, 1)
  ) f (facet, value, n)
  WHERE f.value IS NOT NULL AND f.n <> 0
$$;

-- Brings up to p_limit pending keys of one case into the projection and its counters; returns how many it took.
-- Serialised per case; after the lock every statement sees all committed writes whose keys it took.
CREATE FUNCTION media_projection_drain(p_case uuid, p_limit int) RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
  v_upto bigint;
  v_taken int;
  v_shas text[];
  v_files bigint;
  v_loose bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(727012, hashtext(p_case::text));
  -- A range of the case's oldest marks (a mark still uncommitted is invisible here, and left for the next drain).
  SELECT max(q.id) INTO v_upto
  FROM (SELECT m.id FROM media_projection_dirty m WHERE m.case_id = p_case ORDER BY m.id LIMIT p_limit) q;
  IF v_upto IS NULL THEN
    RETURN 0;
  END IF;
  WITH taken AS (
    DELETE FROM media_projection_dirty d WHERE d.case_id = p_case AND d.id <= v_upto
    RETURNING d.sha256, d.files, d.loose_errors
  )
  SELECT count(*), coalesce(array_agg(DISTINCT t.sha256) FILTER (WHERE t.sha256 IS NOT NULL), '{}'),
    coalesce(sum(t.files), 0), coalesce(sum(t.loose_errors), 0)
  INTO v_taken, v_shas, v_files, v_loose FROM taken t;
  -- A blob being processed (pending) or reopened (error) when new items of it were written marked only the cases
  -- whose items it could see: wait for such an update to commit, so the statement below reads it.
  PERFORM 1 FROM blobs b WHERE b.sha256 = ANY (v_shas) AND b.status <> 'done' ORDER BY b.sha256 FOR SHARE;
  WITH src AS (
    SELECT r.sha256, r AS pr FROM media_projection_rows(p_case, v_shas) r
  ), cur AS (
    SELECT p.sha256, p AS pr FROM media_projection p WHERE p.case_id = p_case AND p.sha256 = ANY (v_shas)
  ), diff AS (
    SELECT coalesce(s.sha256, c.sha256) AS sha256, s.sha256 AS new_sha, c.sha256 AS old_sha, s.pr AS new_row,
      c.pr AS old_row
    FROM src s FULL JOIN cur c ON c.sha256 = s.sha256
    WHERE s.pr IS DISTINCT FROM c.pr
  ), ins AS (
    INSERT INTO media_projection SELECT (d.new_row).* FROM diff d WHERE d.old_sha IS NULL
  ), upd AS (
    UPDATE media_projection p SET blob_id = (d.new_row).blob_id, item_count = (d.new_row).item_count,
      error_items = (d.new_row).error_items, first_path = (d.new_row).first_path, date = (d.new_row).date,
      date_key = (d.new_row).date_key, near_group = (d.new_row).near_group, group_key = (d.new_row).group_key,
      mime = (d.new_row).mime, is_image = (d.new_row).is_image, width = (d.new_row).width,
      height = (d.new_row).height, has_thumbnail = (d.new_row).has_thumbnail, error = (d.new_row).error,
      make = (d.new_row).make, model = (d.new_row).model, has_gps = (d.new_row).has_gps,
      category = (d.new_row).category, category_source = (d.new_row).category_source,
      conflict = (d.new_row).conflict, known = (d.new_row).known
    FROM diff d
    WHERE d.new_sha IS NOT NULL AND d.old_sha IS NOT NULL AND p.case_id = p_case AND p.sha256 = d.sha256
  ), del AS (
    DELETE FROM media_projection p USING diff d
    WHERE d.new_sha IS NULL AND p.case_id = p_case AND p.sha256 = d.sha256
  ), delta AS (
    SELECT f.facet, f.value, sum(f.n * s.sign) AS n
    FROM (
      SELECT d.new_row AS r, 1 AS sign FROM diff d WHERE d.new_sha IS NOT NULL
      UNION ALL SELECT d.old_row, -1 FROM diff d WHERE d.old_sha IS NOT NULL
    ) s CROSS JOIN LATERAL media_projection_facets(s.r) f
    GROUP BY f.facet, f.value
    UNION ALL SELECT 'files', '', v_files
    UNION ALL SELECT 'loose_errors', '', v_loose
  )
  INSERT INTO media_projection_counts AS c (case_id, facet, value, n)
  SELECT p_case, delta.facet, delta.value, sum(delta.n) FROM delta
  GROUP BY delta.facet, delta.value HAVING sum(delta.n) <> 0
  ON CONFLICT (case_id, facet, value) DO UPDATE SET n = c.n + excluded.n;
  DELETE FROM media_projection_counts c WHERE c.case_id = p_case AND c.n = 0;
  RETURN v_taken;
END
$$;

-- The triggers: each statement appends the keys it touched (a few rows, whatever the statement's size).
CREATE FUNCTION media_projection_mark_items() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO media_projection_dirty (case_id, sha256)
    SELECT DISTINCT n.case_id, n.blob_sha256 FROM new_rows n WHERE n.blob_sha256 IS NOT NULL;
    INSERT INTO media_projection_dirty (case_id, files, loose_errors)
    SELECT n.case_id, count(*), count(*) FILTER (WHERE n.blob_sha256 IS NULL AND n.rejected_reason IS NOT NULL)
    FROM new_rows n GROUP BY n.case_id;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO media_projection_dirty (case_id, sha256)
    SELECT DISTINCT o.case_id, o.blob_sha256 FROM old_rows o WHERE o.blob_sha256 IS NOT NULL;
    INSERT INTO media_projection_dirty (case_id, files, loose_errors)
    SELECT o.case_id, -count(*), -count(*) FILTER (WHERE o.blob_sha256 IS NULL AND o.rejected_reason IS NOT NULL)
    FROM old_rows o GROUP BY o.case_id;
  END IF;
  RETURN NULL;
END
$$;

-- Content is shared between cases: a change to what the grid shows of it marks it in every case that holds it.
CREATE FUNCTION media_projection_mark_blobs() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO media_projection_dirty (case_id, sha256)
  SELECT DISTINCT i.case_id, n.sha256
  FROM new_rows n JOIN old_rows o ON o.sha256 = n.sha256 JOIN items i ON i.blob_sha256 = n.sha256
  WHERE (n.id, n.mime, n.is_image, n.width, n.height, n.has_thumbnail, n.exif, n.decode_error)
    IS DISTINCT FROM (o.id, o.mime, o.is_image, o.width, o.height, o.has_thumbnail, o.exif, o.decode_error);
  RETURN NULL;
END
$$;

-- Categories, near groups and hash-set matches (known) are keyed by case and content. On an update, only keys whose
-- grid columns changed are marked: a note, or a re-match at another distance, changes nothing the grid shows.
CREATE FUNCTION media_projection_mark_case_media() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO media_projection_dirty (case_id, sha256)
    SELECT DISTINCT n.case_id, n.blob_sha256 FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO media_projection_dirty (case_id, sha256)
    SELECT DISTINCT o.case_id, o.blob_sha256 FROM old_rows o;
  ELSE
    INSERT INTO media_projection_dirty (case_id, sha256)
    SELECT DISTINCT k.case_id, k.blob_sha256 FROM (
      (SELECT o.case_id, o.blob_sha256, o.category, o.source, o.conflict FROM old_rows o
       EXCEPT ALL SELECT n.case_id, n.blob_sha256, n.category, n.source, n.conflict FROM new_rows n)
      UNION ALL
      (SELECT n.case_id, n.blob_sha256, n.category, n.source, n.conflict FROM new_rows n
       EXCEPT ALL SELECT o.case_id, o.blob_sha256, o.category, o.source, o.conflict FROM old_rows o)
    ) k;
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION media_projection_mark_near_groups() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO media_projection_dirty (case_id, sha256)
    SELECT DISTINCT n.case_id, n.blob_sha256 FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO media_projection_dirty (case_id, sha256)
    SELECT DISTINCT o.case_id, o.blob_sha256 FROM old_rows o;
  ELSE
    INSERT INTO media_projection_dirty (case_id, sha256)
    SELECT DISTINCT k.case_id, k.blob_sha256 FROM (
      (SELECT o.case_id, o.blob_sha256, o.group_id FROM old_rows o
       EXCEPT ALL SELECT n.case_id, n.blob_sha256, n.group_id FROM new_rows n)
      UNION ALL
      (SELECT n.case_id, n.blob_sha256, n.group_id FROM new_rows n
       EXCEPT ALL SELECT o.case_id, o.blob_sha256, o.group_id FROM old_rows o)
    ) k;
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION media_projection_mark_matches() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO media_projection_dirty (case_id, sha256)
    SELECT DISTINCT n.case_id, n.blob_sha256 FROM new_rows n WHERE n.target_type = 'hashset';
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO media_projection_dirty (case_id, sha256)
    SELECT DISTINCT o.case_id, o.blob_sha256 FROM old_rows o WHERE o.target_type = 'hashset';
  ELSE
    INSERT INTO media_projection_dirty (case_id, sha256)
    SELECT DISTINCT k.case_id, k.blob_sha256 FROM (
      (SELECT o.case_id, o.blob_sha256 FROM old_rows o WHERE o.target_type = 'hashset'
       EXCEPT ALL SELECT n.case_id, n.blob_sha256 FROM new_rows n WHERE n.target_type = 'hashset')
      UNION ALL
      (SELECT n.case_id, n.blob_sha256 FROM new_rows n WHERE n.target_type = 'hashset'
       EXCEPT ALL SELECT o.case_id, o.blob_sha256 FROM old_rows o WHERE o.target_type = 'hashset')
    ) k;
  END IF;
  RETURN NULL;
END
$$;

-- One trigger per event: a transition table belongs to a single event.
CREATE TRIGGER media_projection_items_insert AFTER INSERT ON items
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION media_projection_mark_items();
CREATE TRIGGER media_projection_items_update AFTER UPDATE ON items
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION media_projection_mark_items();
CREATE TRIGGER media_projection_items_delete AFTER DELETE ON items
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION media_projection_mark_items();
CREATE TRIGGER media_projection_blobs_update AFTER UPDATE ON blobs
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION media_projection_mark_blobs();
CREATE TRIGGER media_projection_case_media_insert AFTER INSERT ON case_media
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION media_projection_mark_case_media();
CREATE TRIGGER media_projection_case_media_update AFTER UPDATE ON case_media
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION media_projection_mark_case_media();
CREATE TRIGGER media_projection_case_media_delete AFTER DELETE ON case_media
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION media_projection_mark_case_media();
CREATE TRIGGER media_projection_near_groups_insert AFTER INSERT ON case_near_groups
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION media_projection_mark_near_groups();
CREATE TRIGGER media_projection_near_groups_update AFTER UPDATE ON case_near_groups
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION media_projection_mark_near_groups();
CREATE TRIGGER media_projection_near_groups_delete AFTER DELETE ON case_near_groups
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION media_projection_mark_near_groups();
CREATE TRIGGER media_projection_matches_insert AFTER INSERT ON matches
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION media_projection_mark_matches();
CREATE TRIGGER media_projection_matches_update AFTER UPDATE ON matches
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION media_projection_mark_matches();
CREATE TRIGGER media_projection_matches_delete AFTER DELETE ON matches
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION media_projection_mark_matches();

-- Backfill every existing case from its sources, set-based (the triggers above already hold the tables).
INSERT INTO media_projection
SELECT r.* FROM cases c CROSS JOIN LATERAL media_projection_rows(c.id,
  ARRAY(SELECT DISTINCT i.blob_sha256 FROM items i WHERE i.case_id = c.id AND i.blob_sha256 IS NOT NULL)) r;
INSERT INTO media_projection_counts (case_id, facet, value, n)
SELECT p.case_id, f.facet, f.value, sum(f.n) FROM media_projection p CROSS JOIN LATERAL media_projection_facets(p) f
GROUP BY p.case_id, f.facet, f.value
UNION ALL
SELECT i.case_id, 'files', '', count(*) FROM items i GROUP BY i.case_id
UNION ALL
SELECT i.case_id, 'loose_errors', '', count(*) FROM items i
WHERE i.blob_sha256 IS NULL AND i.rejected_reason IS NOT NULL GROUP BY i.case_id;

-- Keyset pages per sort, and an index for each filter (partial where the filter picks out a few).
CREATE INDEX media_projection_path_idx ON media_projection (case_id, first_path, sha256);
CREATE INDEX media_projection_date_idx ON media_projection (case_id, date_key, sha256);
CREATE INDEX media_projection_group_idx ON media_projection (case_id, group_key, sha256);
CREATE INDEX media_projection_category_idx ON media_projection (case_id, category);
CREATE INDEX media_projection_mime_idx ON media_projection (case_id, mime);
CREATE INDEX media_projection_make_idx ON media_projection (case_id, lower(make)) WHERE make IS NOT NULL;
CREATE INDEX media_projection_model_idx ON media_projection (case_id, lower(model)) WHERE model IS NOT NULL;
CREATE INDEX media_projection_known_idx ON media_projection (case_id) WHERE known;
CREATE INDEX media_projection_error_idx ON media_projection (case_id) WHERE error IS NOT NULL;
CREATE INDEX media_projection_duplicate_idx ON media_projection (case_id) WHERE item_count > 1;
CREATE INDEX media_projection_gps_idx ON media_projection (case_id) WHERE has_gps;

-- Path text (q) matches any path of the content, anywhere in it: a trigram index answers ILIKE '%…%' without reading
-- every item of the case. pg_trgm ships with PostgreSQL and is trusted: the database owner may install it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX items_path_trgm_idx ON items USING gin (source_path gin_trgm_ops);
