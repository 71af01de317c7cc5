-- The audit chain becomes keyed: new entries are HMAC-SHA256 with a secret kept outside the database.
-- Entries written before this migration keep their plain SHA-256 hash and stay verifiable as such.
ALTER TABLE audit_log ADD COLUMN scheme text NOT NULL DEFAULT 'sha256'
  CHECK (scheme IN ('sha256', 'hmac-sha256'));
-- No default from here on: every writer states how it hashed, so an old writer cannot slip in unkeyed entries.
ALTER TABLE audit_log ALTER COLUMN scheme DROP DEFAULT;
-- Which key hashed the entry (a fingerprint, never the key): tells a misconfigured process from tampering.
ALTER TABLE audit_log ADD COLUMN key_id text;
