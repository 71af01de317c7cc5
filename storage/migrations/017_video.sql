-- Video: what ffmpeg learnt of each video blob (or why it could not), its sampled frames' PDQ hashes, and the
-- frame shares between similar videos (vPDQ-style, both directions). Videos count as uncategorised like images.

CREATE TABLE blob_videos (
  sha256 text PRIMARY KEY REFERENCES blobs(sha256),
  blob_id bigint NOT NULL,
  status text NOT NULL CHECK (status IN ('done', 'error')),
  duration_seconds double precision,
  width int,
  height int,
  codec text,
  fps double precision,
  frame_count int NOT NULL DEFAULT 0,
  strip_count int NOT NULL DEFAULT 0,
  video_error text,
  processed_at timestamptz NOT NULL DEFAULT now()
);

-- One row per sampled frame (1 per second plus scene changes); id is the frame's id in the in-memory index.
CREATE TABLE video_frames (
  id bigserial PRIMARY KEY,
  sha256 text NOT NULL REFERENCES blob_videos(sha256),
  blob_id bigint NOT NULL,
  ordinal int NOT NULL,
  t double precision NOT NULL,
  pdq text NOT NULL CHECK (pdq ~ '^[0-9a-f]{64}$'),
  quality int NOT NULL,
  UNIQUE (sha256, ordinal)
);
CREATE INDEX video_frames_blob_idx ON video_frames (blob_id);

-- Pairs of videos whose frames match: the share of a's frames found in b and of b's in a (a < b by sha256).
CREATE TABLE video_frame_shares (
  a_sha256 text NOT NULL,
  b_sha256 text NOT NULL,
  a_share real NOT NULL,
  b_share real NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (a_sha256, b_sha256),
  CHECK (a_sha256 < b_sha256)
);
CREATE INDEX video_frame_shares_b_idx ON video_frame_shares (b_sha256);

-- Video blobs, for the sweep that re-queues a lost video stage and for the progress count.
CREATE INDEX blobs_video_idx ON blobs (processed_at) WHERE mime LIKE 'video/%';

-- Videos wait for categorisation like images do: the counter 'uncategorised' includes them, 'videos' counts them.
CREATE OR REPLACE FUNCTION media_projection_facets(r media_projection) RETURNS TABLE (facet text, value text, n int)
LANGUAGE sql IMMUTABLE AS $$
  SELECT f.facet, f.value, f.n FROM (VALUES
    ('media', '', 1),
    ('images', '', r.is_image::int),
    ('videos', '', coalesce(starts_with(r.mime, 'video/'), false)::int),
    ('uncategorised', '', ((r.is_image OR coalesce(starts_with(r.mime, 'video/'), false)) AND r.category IS NULL)::int),
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

-- The two counters the new rule changes, recounted from the projection (under each case's drain lock).
SELECT pg_advisory_xact_lock(727012, hashtext(c.id::text)) FROM cases c;
DELETE FROM media_projection_counts WHERE facet IN ('uncategorised', 'videos');
INSERT INTO media_projection_counts (case_id, facet, value, n)
SELECT p.case_id, f.facet, f.value, sum(f.n) FROM media_projection p CROSS JOIN LATERAL media_projection_facets(p) f
WHERE f.facet IN ('uncategorised', 'videos')
GROUP BY p.case_id, f.facet, f.value;
