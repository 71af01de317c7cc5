-- Devices, places and times (issue 12): the camera body that took a picture (normalised make + body serial, never
-- make and model alone), the nearest place of its GPS position, and a damaged EXIF block noted on the blob.
--
-- blob_devices and blob_places are derived from blobs.exif by a statement trigger in the writer's transaction, so
-- every writer (ingest, a reopened blob, this migration's backfill) keeps them in step. A device is global: the same
-- body in two cases is one row, which is what makes it a cross-case link.

ALTER TABLE blobs ADD COLUMN exif_error text;

-- Maker spellings under one name; mirrors normaliseMake() in workers/ingest/exif-normalise.ts (a unit test compares).
CREATE FUNCTION device_make(p_make text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN k = '' THEN NULL ELSE coalesce((SELECT m.name FROM (VALUES
    ('nikon', 'Nikon'), ('nikon corporation', 'Nikon'), ('canon', 'Canon'), ('canon inc.', 'Canon'),
    ('sony', 'Sony'), ('sony corporation', 'Sony'), ('fujifilm', 'Fujifilm'), ('fujifilm corporation', 'Fujifilm'),
    ('fuji photo film co., ltd.', 'Fujifilm'), ('olympus', 'Olympus'), ('olympus corporation', 'Olympus'),
    ('olympus imaging corp.', 'Olympus'), ('olympus optical co.,ltd', 'Olympus'), ('om digital solutions', 'OM System'),
    ('panasonic', 'Panasonic'), ('pentax', 'Pentax'), ('pentax corporation', 'Pentax'),
    ('ricoh imaging company, ltd.', 'Ricoh'), ('ricoh', 'Ricoh'), ('samsung', 'Samsung'), ('samsung techwin', 'Samsung'),
    ('apple', 'Apple'), ('google', 'Google'), ('huawei', 'Huawei'), ('xiaomi', 'Xiaomi'), ('oneplus', 'OnePlus'),
    ('motorola', 'Motorola'), ('lg electronics', 'LG'), ('htc', 'HTC'), ('nokia', 'Nokia'), ('leica camera ag', 'Leica'),
    ('leica', 'Leica'), ('hasselblad', 'Hasselblad'), ('gopro', 'GoPro'), ('dji', 'DJI'), ('kodak', 'Kodak'),
    ('eastman kodak company', 'Kodak'), ('casio computer co.,ltd.', 'Casio'), ('casio', 'Casio'),
    ('minolta co., ltd.', 'Minolta'), ('konica minolta', 'Konica Minolta'),
    ('konica minolta camera, inc.', 'Konica Minolta'), ('sigma', 'Sigma')
  ) m (spelling, name) WHERE m.spelling = lower(k)), k) END
  FROM (SELECT btrim(regexp_replace(coalesce(p_make, ''), '\s+', ' ', 'g')) AS k) x
$$;

-- The key a body serial is matched on: upper case without spaces; a digits-only serial without leading zeros (tools
-- print the same Canon/Nikon number padded to 10 digits or not). Placeholders (all one character, counting runs,
-- "unknown", fewer than 4 characters) identify no body and give NULL. Letters and inner zeros are kept as written.
CREATE FUNCTION device_serial_key(p_serial text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN k ~ '^(.)\1*$' OR length(k) < 4 THEN NULL
    WHEN k IN ('UNKNOWN', 'NONE', 'N/A', 'NULL', 'SERIAL', 'NOSERIAL', 'DEFAULT', '0123456789', '123456789',
      '1234567890', '12345678', '01234567') THEN NULL
    WHEN k ~ '^[0-9]+$' THEN CASE WHEN length(ltrim(k, '0')) >= 4 THEN ltrim(k, '0') END
    ELSE k END
  FROM (SELECT upper(regexp_replace(coalesce(p_serial, ''), '\s+', '', 'g')) AS k) x
$$;

CREATE TABLE devices (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  make text NOT NULL,
  serial_key text NOT NULL,
  -- As first seen (display); the identity is (make, serial_key).
  serial text NOT NULL,
  model text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (make, serial_key)
);

-- Which body took a content; a content has at most one body serial. Lens and time kept for the case views.
CREATE TABLE blob_devices (
  sha256 text PRIMARY KEY REFERENCES blobs (sha256) ON DELETE CASCADE,
  device_id bigint NOT NULL REFERENCES devices (id),
  model text,
  lens_model text,
  lens_serial text,
  taken text,
  taken_at timestamptz
);
CREATE INDEX blob_devices_device_idx ON blob_devices (device_id, sha256);

-- Where a content was taken; the place names come from the offline gazetteer (workers/places/gazetteer.ts), written
-- at ingest into exif.place, or filled in later by the places view for content ingested before this migration.
CREATE TABLE blob_places (
  sha256 text PRIMARY KEY REFERENCES blobs (sha256) ON DELETE CASCADE,
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  place text,
  municipality text,
  country text,
  distance_km real
);
CREATE INDEX blob_places_municipality_idx ON blob_places (lower(municipality));
CREATE INDEX blob_places_place_idx ON blob_places (lower(place));
CREATE INDEX blob_places_unnamed_idx ON blob_places (sha256) WHERE place IS NULL;

-- An ISO instant that casts safely (the exif reader writes dateTimeOriginal as one; older rows may hold text).
CREATE FUNCTION exif_instant(p text) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN p ~ '^(1[89]|20)\d\d-((0[13578]|1[02])-(0[1-9]|[12]\d|3[01])|(0[469]|11)-(0[1-9]|[12]\d|30)|02-(0[1-9]|1\d|2[0-8]))'
    'T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?Z$' THEN p::timestamptz END
$$;

-- Rebuilds the device and place rows of the given contents from their EXIF (a damaged block joins no device).
CREATE FUNCTION blob_clues_sync(p_shas text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM blob_devices d WHERE d.sha256 = ANY (p_shas);
  DELETE FROM blob_places p WHERE p.sha256 = ANY (p_shas)
    AND NOT EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = p.sha256 AND b.exif->>'latitude' IS NOT NULL
      AND (b.exif->>'latitude')::float8 = p.lat AND (b.exif->>'longitude')::float8 = p.lon);
  INSERT INTO devices (make, serial_key, serial, model)
  SELECT DISTINCT ON (device_make(b.exif->>'make'), device_serial_key(b.exif->>'serial'))
    device_make(b.exif->>'make'), device_serial_key(b.exif->>'serial'), b.exif->>'serial', b.exif->>'model'
  FROM blobs b
  WHERE b.sha256 = ANY (p_shas) AND b.exif_error IS NULL AND device_make(b.exif->>'make') IS NOT NULL
    AND device_serial_key(b.exif->>'serial') IS NOT NULL
  ORDER BY 1, 2, b.sha256
  ON CONFLICT (make, serial_key) DO NOTHING;
  INSERT INTO blob_devices (sha256, device_id, model, lens_model, lens_serial, taken, taken_at)
  SELECT b.sha256, v.id, b.exif->>'model', coalesce(b.exif->>'lensModel', b.exif->>'lens'), b.exif->>'lensSerial',
    b.exif->>'taken', exif_instant(b.exif->>'dateTimeOriginal')
  FROM blobs b
  JOIN devices v ON v.make = device_make(b.exif->>'make') AND v.serial_key = device_serial_key(b.exif->>'serial')
  WHERE b.sha256 = ANY (p_shas) AND b.exif_error IS NULL;
  INSERT INTO blob_places (sha256, lat, lon, place, municipality, country, distance_km)
  SELECT b.sha256, (b.exif->>'latitude')::float8, (b.exif->>'longitude')::float8, b.exif->'place'->>'place',
    b.exif->'place'->>'municipality', b.exif->'place'->>'country', (b.exif->'place'->>'distanceKm')::real
  FROM blobs b
  WHERE b.sha256 = ANY (p_shas) AND jsonb_typeof(b.exif->'latitude') = 'number'
    AND jsonb_typeof(b.exif->'longitude') = 'number'
  ON CONFLICT (sha256) DO NOTHING;
END
$$;

CREATE FUNCTION blob_clues_mark() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM blob_clues_sync(ARRAY(
    SELECT n.sha256 FROM new_rows n JOIN old_rows o ON o.sha256 = n.sha256
    WHERE (n.exif, n.exif_error) IS DISTINCT FROM (o.exif, o.exif_error)));
  RETURN NULL;
END
$$;

CREATE TRIGGER blob_clues_update AFTER UPDATE ON blobs
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION blob_clues_mark();

-- Backfill: the stored makes and models under their normalised names, then the devices and places of every blob.
UPDATE blobs SET exif = exif || jsonb_build_object('make', device_make(exif->>'make'))
WHERE exif->>'make' IS NOT NULL AND device_make(exif->>'make') IS DISTINCT FROM exif->>'make';
SELECT blob_clues_sync(ARRAY(SELECT b.sha256 FROM blobs b WHERE b.exif ? 'serial' OR b.exif ? 'latitude'));
