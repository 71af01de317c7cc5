-- The trimmed-border PDQ: the hash of an image with its uniform borders (pad, frame, letterbox) removed, when
-- they take more than 2% of a side, with its 8 dihedral hashes like pdq_dihedral. NULL: no such border, or
-- the trimmed hash is too weak to match on. trim_checked tells "no border" from "processed before this
-- migration": the regroup job below fills in the latter.
ALTER TABLE blobs
  ADD COLUMN pdq_trimmed text CHECK (pdq_trimmed ~ '^[0-9a-f]{64}$'),
  ADD COLUMN pdq_trimmed_dihedral text[],
  ADD COLUMN trim_checked boolean NOT NULL DEFAULT false;

-- What the regroup job still has to look at; empties as it goes, and new content is saved as checked.
CREATE INDEX blobs_trim_unchecked_idx ON blobs (id) WHERE pdq IS NOT NULL AND NOT trim_checked;

-- Near-duplicate groups now also link flipped, turned and padded copies: regroup every existing case once, as a
-- long job with progress (workers/handlers/regroup-cases.ts). Backdated, so the first sweep of a worker picks it
-- up; owned by the national unit, as system work. Nothing to do on an empty database.
INSERT INTO long_jobs (kind, owner_unit_id, created_by_name, params, created_at, updated_at)
SELECT 'cases.regroup', u.id, 'system:migration-010', '{"reason": "dihedral and trimmed-border grouping"}',
  now() - interval '1 day', now() - interval '1 day'
FROM (SELECT id FROM units ORDER BY code = 'LE' DESC, id LIMIT 1) u
WHERE EXISTS (SELECT 1 FROM blobs WHERE pdq IS NOT NULL);
