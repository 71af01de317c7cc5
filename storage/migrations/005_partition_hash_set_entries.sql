-- Hash-set entries partitioned by set: an import COPYs into its own table without indexes, which is
-- then attached (indexes are built in bulk at attach time); an old version is dropped as one table.
-- The raw record is kept as json (verbatim text): it is only ever returned, never queried.

DROP INDEX hash_set_entries_set_idx, hash_set_entries_md5_idx, hash_set_entries_sha1_idx, hash_set_entries_sha256_idx, hash_set_entries_pdq_idx;
ALTER TABLE hash_set_entries RENAME TO hash_set_entries_old;
ALTER SEQUENCE hash_set_entries_id_seq RENAME TO hash_set_entries_old_id_seq;
CREATE SEQUENCE hash_set_entries_id_seq;
SELECT setval('hash_set_entries_id_seq', coalesce((SELECT max(id) FROM hash_set_entries_old), 0) + 1, false);

CREATE TABLE hash_set_entries (
  id bigint NOT NULL DEFAULT nextval('hash_set_entries_id_seq'),
  set_id uuid NOT NULL,
  md5 text CHECK (md5 ~ '^[0-9a-f]{32}$'),
  sha1 text CHECK (sha1 ~ '^[0-9a-f]{40}$'),
  sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  pdq text CHECK (pdq ~ '^[0-9a-f]{64}$'),
  photodna text,
  category text,
  series text,
  victim_identified boolean,
  media_id text,
  raw json
) PARTITION BY LIST (set_id);
ALTER SEQUENCE hash_set_entries_id_seq OWNED BY hash_set_entries.id;

CREATE INDEX hash_set_entries_id_idx ON hash_set_entries (id);
CREATE INDEX hash_set_entries_md5_idx ON hash_set_entries (md5) WHERE md5 IS NOT NULL;
CREATE INDEX hash_set_entries_sha1_idx ON hash_set_entries (sha1) WHERE sha1 IS NOT NULL;
CREATE INDEX hash_set_entries_sha256_idx ON hash_set_entries (sha256) WHERE sha256 IS NOT NULL;
CREATE INDEX hash_set_entries_pdq_idx ON hash_set_entries (id) WHERE pdq IS NOT NULL;

-- Carry existing entries over, one partition per set.
DO $$
DECLARE s record;
BEGIN
  FOR s IN SELECT DISTINCT set_id FROM hash_set_entries_old LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF hash_set_entries FOR VALUES IN (%L)', 'hash_set_entries_' || replace(s.set_id::text, '-', ''), s.set_id);
  END LOOP;
  INSERT INTO hash_set_entries (id, set_id, md5, sha1, sha256, pdq, photodna, category, series, victim_identified, media_id, raw)
    SELECT id, set_id, md5, sha1, sha256, pdq, photodna, category, series, victim_identified, media_id, raw::json FROM hash_set_entries_old;
END $$;

DROP TABLE hash_set_entries_old;
