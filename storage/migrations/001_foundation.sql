-- Foundation: units, users, sessions, login throttling, cases, members, the hash-chained audit log.

CREATE TABLE units (
  id serial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL UNIQUE
);

INSERT INTO units (code, name) VALUES
  ('NN', 'Noord-Nederland'),
  ('ON', 'Oost-Nederland'),
  ('MN', 'Midden-Nederland'),
  ('NH', 'Noord-Holland'),
  ('AM', 'Amsterdam'),
  ('DH', 'Den Haag'),
  ('RT', 'Rotterdam'),
  ('ZWB', 'Zeeland-West-Brabant'),
  ('OB', 'Oost-Brabant'),
  ('LB', 'Limburg'),
  ('LE', 'Landelijke Eenheid');

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
  display_name text NOT NULL,
  contact text,
  unit_id int NOT NULL REFERENCES units(id),
  role text NOT NULL CHECK (role IN ('admin', 'lead', 'analyst', 'prosecutor')),
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE login_failures (
  id bigserial PRIMARY KEY,
  username text NOT NULL,
  ip text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_username_idx ON login_failures (username, at);
CREATE INDEX login_failures_ip_idx ON login_failures (ip, at);

CREATE TABLE cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number text NOT NULL UNIQUE CHECK (number ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$'),
  title text NOT NULL,
  unit_id int NOT NULL REFERENCES units(id),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'archived')),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_unit_idx ON cases (unit_id);

CREATE TABLE case_members (
  case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id),
  added_by uuid REFERENCES users(id),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_members_user_idx ON case_members (user_id);

-- Append-only and hash-chained: hash = sha256(prev_hash || canonical content), computed by the service.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_name text NOT NULL,
  action text NOT NULL,
  target_type text,
  target_id text,
  case_id uuid,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);
CREATE INDEX audit_log_case_idx ON audit_log (case_id, id);
CREATE INDEX audit_log_action_idx ON audit_log (action, id);

CREATE FUNCTION audit_log_reject_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_reject_change();
