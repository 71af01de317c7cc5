-- Per-case matching stamp: which content of a case has been matched against hash sets and other cases.
CREATE TABLE case_blob_matched (
  case_id uuid NOT NULL REFERENCES cases(id),
  blob_sha256 text NOT NULL REFERENCES blobs(sha256),
  matched_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, blob_sha256)
);
CREATE INDEX blobs_processed_at_idx ON blobs (processed_at) WHERE pdq IS NOT NULL;
CREATE INDEX hash_sets_activated_idx ON hash_sets (activated_at);
