-- The resident registry and the places and times vaccination is offered.
-- Names and addresses are stored exactly as the municipality exported them (text is UTF-8,
-- so characters outside the BMP and variation selectors survive); nothing is truncated.

CREATE TABLE districts (
    district     text PRIMARY KEY,
    name         text NOT NULL,
    lat          double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon          double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    imported_at  timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sites (
    site_code    text PRIMARY KEY,
    name         text NOT NULL,
    address      text NOT NULL,
    postal_code  text NOT NULL CHECK (postal_code ~ '^[0-9]{3}-[0-9]{4}$'),
    lat          double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon          double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    imported_at  timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
    session_id   bigserial PRIMARY KEY,
    site_code    text NOT NULL REFERENCES sites (site_code),
    starts_at    timestamp NOT NULL,
    ends_at      timestamp NOT NULL,
    capacity     integer NOT NULL CHECK (capacity > 0),
    vaccine      text NOT NULL,
    dose         integer NOT NULL CHECK (dose > 0),
    imported_at  timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT sessions_natural_key UNIQUE (site_code, starts_at),
    CONSTRAINT sessions_end_after_start CHECK (ends_at > starts_at)
);

CREATE TABLE residents (
    resident_id  text PRIMARY KEY,
    name         text NOT NULL,
    name_kana    text NOT NULL,
    name_latin   text NOT NULL,
    birth_date   date NOT NULL,
    postal_code  text NOT NULL CHECK (postal_code ~ '^[0-9]{3}-[0-9]{4}$'),
    address      text NOT NULL,
    district     text NOT NULL REFERENCES districts (district),
    language     text NOT NULL,
    needs        text[] NOT NULL DEFAULT '{}',
    status       text NOT NULL CHECK (status IN ('active', 'moved_out', 'deceased')),
    status_date  date,
    imported_at  timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);


-- What changed for a resident and when: which fields (never their old values: the registry
-- is the record of those), the status before and after, and the registry's date of the change.
CREATE TABLE resident_changes (
    change_id         bigserial PRIMARY KEY,
    resident_id       text NOT NULL REFERENCES residents (resident_id),
    changed_at        timestamptz NOT NULL DEFAULT now(),
    changed_fields    text[] NOT NULL,
    old_status        text NOT NULL,
    new_status        text NOT NULL,
    status_date       date,
    job_execution_id  bigint NOT NULL
);

CREATE INDEX resident_changes_resident ON resident_changes (resident_id);

-- Rows of a file being imported, before validation across rows decides whether it loads.
-- UNLOGGED: they are scratch space, rebuilt by the next run if the server crashes.
CREATE UNLOGGED TABLE staging_districts (
    execution_id bigint NOT NULL, line bigint NOT NULL,
    district text, name text, lat double precision, lon double precision
);
CREATE UNLOGGED TABLE staging_sites (
    execution_id bigint NOT NULL, line bigint NOT NULL,
    site_code text, name text, address text, postal_code text, lat double precision, lon double precision
);
CREATE UNLOGGED TABLE staging_sessions (
    execution_id bigint NOT NULL, line bigint NOT NULL,
    site_code text, starts_at timestamp, ends_at timestamp, capacity integer, vaccine text, dose integer
);
CREATE UNLOGGED TABLE staging_residents (
    execution_id bigint NOT NULL, line bigint NOT NULL,
    resident_id text, name text, name_kana text, name_latin text, birth_date date, postal_code text,
    address text, district text, language text, needs text[], status text, status_date date
);

-- Problems found in a file being imported: line, column and a reason that names no resident data.
CREATE UNLOGGED TABLE import_problems (
    execution_id bigint NOT NULL,
    line         bigint NOT NULL,
    column_name  text NOT NULL,
    reason       text NOT NULL
);
CREATE INDEX import_problems_execution ON import_problems (execution_id, line);
