-- Text in case media: the OCR stage after hashing (a cheap pre-check, then full OCR cached in ocr_results), the
-- case's searchable text (Dutch and English full-text), and the selectors read from it, linked to meldingen.

-- Per content, once across all cases: what the OCR stage concluded. 'no-text' is the pre-check's verdict (the image
-- never went to full OCR: "geen tekst (voorselectie)"); 'failed' keeps the reason; the text itself is in ocr_results.
CREATE TABLE content_text (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  status text NOT NULL CHECK (status IN ('done', 'no-text', 'failed')),
  -- The pre-check's measurements ({version, textLike, lines, ms}), kept so a skip can be explained and audited.
  precheck jsonb,
  error text,
  words int NOT NULL DEFAULT 0,
  engine_version text,
  checked_at timestamptz NOT NULL DEFAULT now()
);

-- btree_gin lets one GIN index answer "this case, these words" (and, across cases, "these words"). Trusted contrib.
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- Per case and content: the stage stamp (a row means the OCR stage has handled it for this case) and its text as a
-- Dutch and an English tsvector; tsv is NULL when there is no text.
CREATE TABLE case_text (
  case_id uuid NOT NULL REFERENCES cases(id),
  sha256 text NOT NULL,
  status text NOT NULL CHECK (status IN ('done', 'no-text', 'failed')),
  tsv tsvector,
  PRIMARY KEY (case_id, sha256)
);
CREATE INDEX case_text_tsv_idx ON case_text USING gin (case_id, tsv) WHERE tsv IS NOT NULL;

-- Selectors read from a case's media: a sibling of selector_occurrences (meldingen), same types, canonical values
-- and roles, so one (type, value) question reaches both.
CREATE TABLE case_selector_occurrences (
  id bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  sha256 text NOT NULL,
  type text NOT NULL,
  value text NOT NULL,
  surface text NOT NULL,
  box jsonb,
  role text NOT NULL DEFAULT 'unknown' CHECK (role IN ('offender', 'unknown', 'victim', 'reporter')),
  platform text,
  repaired boolean NOT NULL DEFAULT false
);
CREATE INDEX case_selector_occurrences_value_idx ON case_selector_occurrences (type, value);
CREATE INDEX case_selector_occurrences_case_idx ON case_selector_occurrences (case_id, sha256);

-- A case and a melding that share an offender's selector (public values, hubs, victim/reporter roles never link).
CREATE TABLE case_report_links (
  case_id uuid NOT NULL REFERENCES cases(id),
  report_id uuid NOT NULL REFERENCES reports(id),
  type text NOT NULL,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, report_id, type, value)
);
CREATE INDEX case_report_links_report_idx ON case_report_links (report_id);

-- The frontoffice hears of a case link as a signal on the melding's cluster, naming the case.
ALTER TABLE signals DROP CONSTRAINT signals_reason_code_check;
ALTER TABLE signals ADD CONSTRAINT signals_reason_code_check
  CHECK (reason_code IN ('cross-unit', 'three-or-more', 'case-link'));
ALTER TABLE signals ADD COLUMN case_id uuid REFERENCES cases(id);
