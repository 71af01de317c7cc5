-- Sign-in throttling that cannot be turned into a lock-out, and one-time passwords that must be changed.

-- A failure from a place where the account signed in before ("trusted") slows only that (account, place) pair;
-- the per-address and account-wide counters look at untrusted failures only.
ALTER TABLE login_failures ADD COLUMN trusted boolean NOT NULL DEFAULT false;
CREATE INDEX login_failures_at_idx ON login_failures (at);

-- Where each account last signed in successfully, per source address.
CREATE TABLE login_sources (
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  ip text NOT NULL,
  last_success_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, ip)
);

-- Generated and admin-set passwords are one-time: the holder chooses their own before anything else.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN password_changed_at timestamptz;
