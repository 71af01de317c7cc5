-- Categorisation per case and content, hash sets (known material), and match results.

-- The analyst's (or a hash set's) verdict on one piece of content within one case.
CREATE TABLE case_media (
  case_id uuid NOT NULL REFERENCES cases(id),
  blob_sha256 text NOT NULL REFERENCES blobs(sha256),
  category text,
  scheme text NOT NULL DEFAULT 'vics2',
  source text CHECK (source IN ('manual', 'hashset')),
  provenance jsonb,
  conflict boolean NOT NULL DEFAULT false,
  conflict_detail jsonb,
  series text,
  victim_identified boolean,
  notes text,
  categorised_by uuid REFERENCES users(id),
  categorised_at timestamptz,
  PRIMARY KEY (case_id, blob_sha256)
);
CREATE INDEX case_media_category_idx ON case_media (case_id, category);

CREATE TABLE hash_sets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  source text NOT NULL DEFAULT 'own',
  version text NOT NULL,
  format text NOT NULL,
  profile text,
  scheme text,
  owner_unit_id int NOT NULL REFERENCES units(id),
  visibility text NOT NULL DEFAULT 'national' CHECK (visibility IN ('national', 'unit')),
  near_radius int NOT NULL DEFAULT 31 CHECK (near_radius BETWEEN 0 AND 64),
  status text NOT NULL DEFAULT 'importing' CHECK (status IN ('importing', 'active', 'superseded', 'failed')),
  entries int NOT NULL DEFAULT 0,
  skipped int NOT NULL DEFAULT 0,
  skipped_sample jsonb,
  header jsonb,
  imported_by uuid REFERENCES users(id),
  imported_by_name text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  activated_at timestamptz,
  error text
);
-- At most one active version of a set name: the swap to a new version is one transaction.
CREATE UNIQUE INDEX hash_sets_active_name_idx ON hash_sets (name) WHERE status = 'active';

CREATE TABLE hash_set_entries (
  id bigserial PRIMARY KEY,
  set_id uuid NOT NULL REFERENCES hash_sets(id) ON DELETE CASCADE,
  md5 text CHECK (md5 ~ '^[0-9a-f]{32}$'),
  sha1 text CHECK (sha1 ~ '^[0-9a-f]{40}$'),
  sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  pdq text CHECK (pdq ~ '^[0-9a-f]{64}$'),
  photodna text,
  category text,
  series text,
  victim_identified boolean,
  media_id text,
  raw jsonb
);
CREATE INDEX hash_set_entries_set_idx ON hash_set_entries (set_id);
CREATE INDEX hash_set_entries_md5_idx ON hash_set_entries (md5) WHERE md5 IS NOT NULL;
CREATE INDEX hash_set_entries_sha1_idx ON hash_set_entries (sha1) WHERE sha1 IS NOT NULL;
CREATE INDEX hash_set_entries_sha256_idx ON hash_set_entries (sha256) WHERE sha256 IS NOT NULL;
CREATE INDEX hash_set_entries_pdq_idx ON hash_set_entries (id) WHERE pdq IS NOT NULL;

-- What a blob in a case matched: a hash-set entry, or the same/similar content in another case.
-- Deterministic key, so a re-match replaces rather than duplicates.
CREATE TABLE matches (
  case_id uuid NOT NULL REFERENCES cases(id),
  blob_sha256 text NOT NULL REFERENCES blobs(sha256),
  kind text NOT NULL CHECK (kind IN ('exact', 'near')),
  target_type text NOT NULL CHECK (target_type IN ('hashset', 'case')),
  target_key text NOT NULL,
  hash_set_id uuid REFERENCES hash_sets(id) ON DELETE CASCADE,
  entry_id bigint,
  other_case_id uuid REFERENCES cases(id),
  other_blob_sha256 text,
  hash_kind text NOT NULL,
  distance int NOT NULL DEFAULT 0,
  matched_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, blob_sha256, target_type, target_key)
);
CREATE INDEX matches_other_case_idx ON matches (other_case_id) WHERE other_case_id IS NOT NULL;
CREATE INDEX matches_set_idx ON matches (hash_set_id) WHERE hash_set_id IS NOT NULL;

-- Blobs by PDQ for the in-memory index load; and blob status stamp for matching.
ALTER TABLE blobs ADD COLUMN matched_at timestamptz;
CREATE INDEX blobs_pdq_idx ON blobs (id) WHERE pdq IS NOT NULL;
