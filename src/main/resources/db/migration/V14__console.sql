-- The web console's people, and the audit log of everything people and jobs do.

-- Who may sign in to the console: operators resolve review items; supervisors also manage
-- users and run, stop and restart jobs. Passwords are stored only as salted hashes
-- ({bcrypt}…); nobody has a default password.
CREATE TABLE console_users (
    username      text PRIMARY KEY CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('operator', 'supervisor')),
    enabled       boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    created_by    text NOT NULL
);

-- Who did what, when, to what, with what it was before and after: every operator action in
-- the console and on the command line, and every job run. Never names or addresses: targets
-- are ids (a review item, a form code, a resident id, a run).
CREATE TABLE audit_log (
    audit_id   bigserial PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    actor      text NOT NULL,
    action     text NOT NULL,
    target     text,
    before     text,
    after      text
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
