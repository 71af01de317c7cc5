-- Hash sets are identified by id. A name is unique among active sets per owning unit and visibility, so one
-- unit's import can only ever supersede that unit's own set of that name and visibility.
DROP INDEX hash_sets_active_name_idx;
CREATE UNIQUE INDEX hash_sets_active_owner_name_idx ON hash_sets (owner_unit_id, visibility, name) WHERE status = 'active';

-- Long work as a job with its progress on a row: any API process (and a restarted one) reads it from here. The job
-- reads an object from the store (input_*) or produces one (output_key). Hash-set imports now; dossiers and video next.
CREATE TABLE long_jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  -- Need-to-know: the unit that started it (and admins) may follow it; a case job also needs access to the case.
  owner_unit_id int NOT NULL REFERENCES units(id),
  case_id uuid REFERENCES cases(id),
  created_by uuid REFERENCES users(id),
  created_by_name text NOT NULL,
  params jsonb NOT NULL DEFAULT '{}',
  input_key text,
  input_sha256 text CHECK (input_sha256 ~ '^[0-9a-f]{64}$'),
  input_size bigint,
  output_key text,
  progress jsonb NOT NULL DEFAULT '{}',
  result jsonb,
  -- Shown to users: {"nl": …, "en": …}.
  error jsonb,
  attempts int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX long_jobs_unfinished_idx ON long_jobs (kind, updated_at) WHERE status IN ('queued', 'running');

-- The import that made a set version: a retried import finds (and reloads) its own set instead of making another.
ALTER TABLE hash_sets ADD COLUMN import_job_id uuid REFERENCES long_jobs(id);
CREATE UNIQUE INDEX hash_sets_import_job_idx ON hash_sets (import_job_id) WHERE import_job_id IS NOT NULL;
