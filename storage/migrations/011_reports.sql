-- Meldingen (reports) of the sexual-offences teams, the selectors read from them, the links between
-- meldingen of different units that share an offender's selector, and the signals the frontoffice works.

-- The frontoffice: the triage desk of a sexual-offences team. It sees its own unit's meldingen and signals.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('admin', 'lead', 'analyst', 'prosecutor', 'frontoffice'));

CREATE TABLE reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id int NOT NULL REFERENCES units(id),
  -- The registration number of the source system; an import is idempotent on (unit, number).
  number text NOT NULL CHECK (number ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$'),
  received date NOT NULL,
  offence text CHECK (offence IN ('sextortion', 'grooming', 'misbruik-beeldmateriaal', 'other')),
  victim_minor boolean NOT NULL,
  aangifte boolean NOT NULL,
  body text NOT NULL DEFAULT '',
  -- SHA-256 of the body as received: the text is evidence too.
  body_sha256 text NOT NULL CHECK (body_sha256 ~ '^[0-9a-f]{64}$'),
  created_by uuid REFERENCES users(id),
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Extraction: pending → extracting (text and attachment OCR) → done; failed keeps the reason ({nl, en}).
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'extracting', 'done', 'failed')),
  error jsonb,
  extracted_at timestamptz,
  -- The connected component of links this melding belongs to (null: linked to nothing yet).
  cluster_id bigint,
  UNIQUE (unit_id, number)
);
CREATE INDEX reports_unit_received_idx ON reports (unit_id, received DESC);
CREATE INDEX reports_cluster_idx ON reports (cluster_id) WHERE cluster_id IS NOT NULL;
CREATE INDEX reports_unfinished_idx ON reports (created_at) WHERE status IN ('pending', 'extracting');

-- Attachments are evidence: stored unchanged in the object store under their SHA-256, never altered.
CREATE TABLE report_attachments (
  id bigserial PRIMARY KEY,
  report_id uuid NOT NULL REFERENCES reports(id),
  ordinal int NOT NULL,
  name text NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL,
  mime text,
  uploaded_by uuid REFERENCES users(id),
  uploaded_by_name text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  -- OCR of image attachments: pending → done | skipped (not an image) | failed (reason).
  ocr_status text NOT NULL DEFAULT 'pending' CHECK (ocr_status IN ('pending', 'done', 'skipped', 'failed')),
  ocr_error text,
  UNIQUE (report_id, ordinal)
);
CREATE INDEX report_attachments_sha_idx ON report_attachments (sha256);

-- OCR results by content: the same screenshot attached to ten meldingen (or found in a case) is read once.
CREATE TABLE ocr_results (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  engine_version text NOT NULL,
  text text NOT NULL,
  -- [{text, words: [{text, confidence, box: {x0, y0, x1, y1}}]}] in the original image's coordinates.
  lines jsonb NOT NULL,
  width int,
  height int,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Every selector occurrence: where in which melding a phone number, handle, IBAN … was found.
CREATE TABLE selector_occurrences (
  id bigserial PRIMARY KEY,
  report_id uuid NOT NULL REFERENCES reports(id),
  type text NOT NULL,
  value text NOT NULL,
  surface text NOT NULL,
  source text NOT NULL CHECK (source IN ('text', 'attachment')),
  attachment_id bigint REFERENCES report_attachments(id),
  start_offset int,
  end_offset int,
  box jsonb,
  -- offender/unknown may link; victim and reporter are the melding's own contacts and never link.
  role text NOT NULL DEFAULT 'unknown' CHECK (role IN ('offender', 'unknown', 'victim', 'reporter')),
  platform text,
  seen_at text,
  repaired boolean NOT NULL DEFAULT false
);
CREATE INDEX selector_occurrences_value_idx ON selector_occurrences (type, value);
CREATE INDEX selector_occurrences_report_idx ON selector_occurrences (report_id);

-- "Lijkt op" hints (shown, never linked) look for values one slip away: one substituted, inserted, deleted or
-- swapped character always leaves the first half or the rest after the middle intact, so two indexed halves find
-- every candidate. The halves are of the part where people differ, so that a common start (+316, a bank code, a
-- payment host) or end (@gmail.com) does not make every value a candidate: a phone number and an IBAN without their
-- first four characters, an e-mail address's local part, a link's path. workers/reports/near-keys.ts mirrors this.
-- One plain expression each (no FROM, no nested call), so PostgreSQL inlines them into index maintenance and queries.
CREATE FUNCTION selector_near_head(t text, v text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT left(CASE WHEN t IN ('phone', 'iban') THEN substr(v, 5) WHEN t = 'email' THEN split_part(v, '@', 1)
      WHEN t = 'url' AND strpos(v, '/') > 0 THEN substr(v, strpos(v, '/') + 1) ELSE v END,
    length(CASE WHEN t IN ('phone', 'iban') THEN substr(v, 5) WHEN t = 'email' THEN split_part(v, '@', 1)
      WHEN t = 'url' AND strpos(v, '/') > 0 THEN substr(v, strpos(v, '/') + 1) ELSE v END) / 2) $$;
CREATE FUNCTION selector_near_tail(t text, v text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT right(CASE WHEN t IN ('phone', 'iban') THEN substr(v, 5) WHEN t = 'email' THEN split_part(v, '@', 1)
      WHEN t = 'url' AND strpos(v, '/') > 0 THEN substr(v, strpos(v, '/') + 1) ELSE v END,
    length(CASE WHEN t IN ('phone', 'iban') THEN substr(v, 5) WHEN t = 'email' THEN split_part(v, '@', 1)
      WHEN t = 'url' AND strpos(v, '/') > 0 THEN substr(v, strpos(v, '/') + 1) ELSE v END)
      - length(CASE WHEN t IN ('phone', 'iban') THEN substr(v, 5) WHEN t = 'email' THEN split_part(v, '@', 1)
      WHEN t = 'url' AND strpos(v, '/') > 0 THEN substr(v, strpos(v, '/') + 1) ELSE v END) / 2 - 1) $$;
CREATE INDEX selector_occurrences_near_head_idx ON selector_occurrences (type, selector_near_head(type, value));
CREATE INDEX selector_occurrences_near_tail_idx ON selector_occurrences (type, selector_near_tail(type, value));

-- Public selectors never link (helplines, police numbers, platforms' own domains). Admins edit; audited.
CREATE TABLE public_selectors (
  type text NOT NULL,
  value text NOT NULL,
  note text NOT NULL DEFAULT '',
  added_by_name text NOT NULL DEFAULT 'system',
  added_at timestamptz NOT NULL DEFAULT now(),
  -- A removed entry is kept (not deleted), so the start-up seed of the default list never brings it back.
  removed_by_name text,
  removed_at timestamptz,
  PRIMARY KEY (type, value)
);

-- A selector seen in too many otherwise unlinked meldingen of too many units is a hub: held for review,
-- not linked, until an admin decides (public: never link; offender: link after all).
CREATE TABLE selector_hubs (
  type text NOT NULL,
  value text NOT NULL,
  reports int NOT NULL,
  units int NOT NULL,
  state text NOT NULL DEFAULT 'review' CHECK (state IN ('review', 'public', 'offender')),
  decided_by_name text,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (type, value)
);

-- A link between two meldingen (a < b) made by one shared offender selector; a pair may share several.
CREATE TABLE report_links (
  a uuid NOT NULL REFERENCES reports(id),
  b uuid NOT NULL REFERENCES reports(id),
  type text NOT NULL,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (a, b, type, value),
  CHECK (a < b)
);
CREATE INDEX report_links_b_idx ON report_links (b);

CREATE TABLE report_clusters (
  id bigserial PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- A merged cluster points at the one it was merged into.
  merged_into bigint REFERENCES report_clusters(id)
);

-- Escalations to the frontoffice: one per cluster and reason; its steps are audited.
CREATE TABLE signals (
  id bigserial PRIMARY KEY,
  cluster_id bigint NOT NULL REFERENCES report_clusters(id),
  -- The unit whose frontoffice works it (the unit of the melding that raised it).
  unit_id int NOT NULL REFERENCES units(id),
  raised_by_report uuid NOT NULL REFERENCES reports(id),
  reason_code text NOT NULL CHECK (reason_code IN ('cross-unit', 'three-or-more')),
  -- One Dutch sentence and its English counterpart: {"nl": …, "en": …}.
  reason jsonb NOT NULL,
  priority int NOT NULL,
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'acknowledged', 'assigned', 'closed')),
  assignee uuid REFERENCES users(id),
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (cluster_id, unit_id, reason_code)
);
CREATE INDEX signals_unit_state_idx ON signals (unit_id, state, priority DESC);
