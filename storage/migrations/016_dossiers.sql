-- Dossiers for the officier van justitie (issue 13): a `case.dossier` long job writes the files to the object
-- store, content-addressed; one row per generation lists them with the manifest's hash and the `as of` moment.
CREATE TABLE dossiers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases(id),
  -- The long job that made it: a retried job finds its own row instead of writing a second one.
  job_id uuid NOT NULL UNIQUE REFERENCES long_jobs(id),
  created_by uuid REFERENCES users(id),
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- The time of the last change the dossier includes: its content depends on the case's data and this alone.
  as_of timestamptz NOT NULL,
  -- [{name, key, sha256, bytes}] in manifest order.
  files jsonb NOT NULL,
  manifest_sha256 text NOT NULL CHECK (manifest_sha256 ~ '^[0-9a-f]{64}$'),
  counts jsonb NOT NULL,
  -- The unit key that signed manifest.sig (its public key's SHA-256).
  key_fingerprint text NOT NULL
);
CREATE INDEX dossiers_case_idx ON dossiers (case_id, created_at DESC);

-- The dossier list per case reads the jobs (queued, running, failed ones too) of that case.
CREATE INDEX long_jobs_case_kind_idx ON long_jobs (case_id, kind, created_at DESC) WHERE case_id IS NOT NULL;
