-- Victim identification: victims and series recorded within a case (one table, two kinds), the media attached to
-- them, suggestions to the leads of other cases whose media match, and clue notes pinned to a region of an image.

-- A victim carries a pseudonymous label (never a real name); a series a name. The description is detail-only.
CREATE TABLE case_subjects (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases(id),
  kind text NOT NULL CHECK (kind IN ('victim', 'series')),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 120 AND label = btrim(label)),
  description text CHECK (length(description) <= 4000),
  identified boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, kind, label)
);
CREATE INDEX case_subjects_case_idx ON case_subjects (case_id, kind, label);

CREATE TABLE case_subject_media (
  subject_id uuid NOT NULL REFERENCES case_subjects(id) ON DELETE CASCADE,
  blob_sha256 text NOT NULL REFERENCES blobs(sha256),
  attached_by uuid REFERENCES users(id),
  attached_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subject_id, blob_sha256)
);
CREATE INDEX case_subject_media_blob_idx ON case_subject_media (blob_sha256);

-- One suggestion per (subject, other case): recomputed by the case.suggest job, so a rerun replaces, never adds.
CREATE TABLE subject_suggestions (
  id bigserial PRIMARY KEY,
  subject_id uuid NOT NULL REFERENCES case_subjects(id) ON DELETE CASCADE,
  source_case_id uuid NOT NULL REFERENCES cases(id),
  target_case_id uuid NOT NULL REFERENCES cases(id),
  -- [{sha256 (source case), otherSha256 (target case), kind, distance}], ordered, so a recompute compares equal.
  links jsonb NOT NULL,
  link_count int NOT NULL,
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'accepted', 'dismissed')),
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  computed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (subject_id, target_case_id)
);
CREATE INDEX subject_suggestions_target_idx ON subject_suggestions (target_case_id, id);
CREATE INDEX subject_suggestions_source_idx ON subject_suggestions (source_case_id);

-- A box in normalised image coordinates (0..1, origin top left) with the analyst's note.
CREATE TABLE clue_notes (
  id bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  blob_sha256 text NOT NULL REFERENCES blobs(sha256),
  x double precision NOT NULL CHECK (x >= 0 AND x <= 1),
  y double precision NOT NULL CHECK (y >= 0 AND y <= 1),
  w double precision NOT NULL CHECK (w > 0 AND x + w <= 1.000001),
  h double precision NOT NULL CHECK (h > 0 AND y + h <= 1.000001),
  text text NOT NULL CHECK (length(btrim(text)) BETWEEN 1 AND 4000),
  created_by uuid REFERENCES users(id),
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX clue_notes_case_idx ON clue_notes (case_id, id);
