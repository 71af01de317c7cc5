-- Ingest: evidence (chain of custody), content-addressed blobs, one item per file, near-duplicate groups.

CREATE TABLE evidence (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases(id),
  object_key text NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL,
  original_name text NOT NULL,
  kind text NOT NULL DEFAULT 'file' CHECK (kind IN ('file', 'folder')),
  uploaded_by uuid REFERENCES users(id),
  uploaded_by_name text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'stored' CHECK (status IN ('stored', 'unpacking', 'unpacked', 'failed')),
  error text,
  unpack_started_at timestamptz,
  unpacked_at timestamptz,
  summary jsonb,
  UNIQUE (case_id, sha256)
);
CREATE INDEX evidence_case_idx ON evidence (case_id);

CREATE TABLE blobs (
  id bigserial UNIQUE,
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  md5 text NOT NULL CHECK (md5 ~ '^[0-9a-f]{32}$'),
  sha1 text NOT NULL CHECK (sha1 ~ '^[0-9a-f]{40}$'),
  size bigint NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'error')),
  mime text,
  is_image boolean NOT NULL DEFAULT false,
  width int,
  height int,
  frames int,
  pdq text CHECK (pdq ~ '^[0-9a-f]{64}$'),
  pdq_quality int,
  pdq_dihedral text[],
  blockhash text CHECK (blockhash ~ '^[0-9a-f]{64}$'),
  exif jsonb,
  has_thumbnail boolean NOT NULL DEFAULT false,
  decode_error text,
  processed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX blobs_md5_idx ON blobs (md5);
CREATE INDEX blobs_sha1_idx ON blobs (sha1);
CREATE INDEX blobs_pending_idx ON blobs (status) WHERE status = 'pending';

-- One row per file found in an evidence, including rejected entries (no blob, with the reason).
CREATE TABLE items (
  id bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  evidence_id uuid NOT NULL REFERENCES evidence(id),
  ordinal int NOT NULL,
  blob_sha256 text REFERENCES blobs(sha256),
  source_path text NOT NULL,
  file_name text NOT NULL,
  declared_size bigint,
  mtime timestamptz,
  depth int NOT NULL DEFAULT 0,
  rejected_reason text,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (evidence_id, ordinal)
);
CREATE INDEX items_case_idx ON items (case_id, id);
CREATE INDEX items_case_blob_idx ON items (case_id, blob_sha256);
CREATE INDEX items_blob_idx ON items (blob_sha256);

-- Near-duplicate groups within a case: connected components over PDQ distance, kept incrementally.
CREATE TABLE case_near_groups (
  case_id uuid NOT NULL REFERENCES cases(id),
  blob_sha256 text NOT NULL REFERENCES blobs(sha256),
  group_id bigint,
  grouped_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, blob_sha256)
);
CREATE INDEX case_near_groups_group_idx ON case_near_groups (case_id, group_id);
