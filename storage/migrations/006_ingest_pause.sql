-- A full disk or another passing storage fault pauses an ingest instead of failing it: the evidence
-- (unpack stage) or the blob (processing stage) records why and since when, and is resumed later.

ALTER TABLE evidence DROP CONSTRAINT evidence_status_check;
ALTER TABLE evidence ADD CONSTRAINT evidence_status_check
  CHECK (status IN ('stored', 'unpacking', 'unpacked', 'failed', 'paused'));
ALTER TABLE evidence
  ADD COLUMN paused_reason text CHECK (paused_reason IN ('disk-full', 'io-error', 'unavailable')),
  ADD COLUMN paused_at timestamptz;
CREATE INDEX evidence_paused_idx ON evidence (paused_at) WHERE paused_at IS NOT NULL;

-- A paused blob stays 'pending': it is not finished, and nothing about its content is recorded.
ALTER TABLE blobs
  ADD COLUMN paused_reason text CHECK (paused_reason IN ('disk-full', 'io-error', 'unavailable')),
  ADD COLUMN paused_at timestamptz;
CREATE INDEX blobs_paused_idx ON blobs (paused_at) WHERE paused_at IS NOT NULL;
