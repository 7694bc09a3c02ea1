-- Reading replies: every received file, every page read, the replies they make, and what a
-- person must look at. Originals are never changed: a read file moves to the archive, an
-- unreadable one to quarantine, and both keep their bytes (sha256 names them).

CREATE TABLE received_files (
    sha256          text PRIMARY KEY,
    original_name   text NOT NULL,
    bytes           bigint NOT NULL,
    kind            text NOT NULL,
    pages           integer,
    status          text NOT NULL CHECK (status IN ('read', 'quarantined')),
    reason          text,
    stored_at       text NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    job_execution_id bigint NOT NULL
);

CREATE TABLE read_pages (
    sha256          text NOT NULL REFERENCES received_files (sha256),
    page            integer NOT NULL,
    outcome         text NOT NULL CHECK (outcome IN ('reply', 'review', 'blank', 'duplicate')),
    identification  text NOT NULL,
    form_code       text,
    marked_options  integer[] NOT NULL DEFAULT '{}',
    extra           text[] NOT NULL DEFAULT '{}',
    confidence      double precision NOT NULL,
    detail          text NOT NULL DEFAULT '',
    PRIMARY KEY (sha256, page)
);

-- A resident's answer. The latest received accepted reply of a form is the one that counts;
-- earlier different ones are kept as superseded. The same marks twice make one reply.
CREATE TABLE replies (
    reply_id        bigserial PRIMARY KEY,
    form_code       text NOT NULL REFERENCES invitations (form_code),
    status          text NOT NULL CHECK (status IN ('accepted', 'review', 'rejected', 'superseded')),
    marked_options  integer[] NOT NULL,
    extra           text[] NOT NULL DEFAULT '{}',
    source_sha256   text NOT NULL,
    source_page     integer NOT NULL,
    confidence      double precision NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    resolved_by     text,
    resolved_at     timestamptz
);
CREATE INDEX replies_form ON replies (form_code, status);
CREATE UNIQUE INDEX replies_one_per_page ON replies (source_sha256, source_page);

-- Pages a person must decide: not a form, unsure marks, unreadable or forged codes.
CREATE TABLE review_items (
    review_id       bigserial PRIMARY KEY,
    sha256          text NOT NULL,
    page            integer NOT NULL,
    reason          text NOT NULL,
    guess_form_code text,
    guess_options   integer[] NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now(),
    resolved_by     text,
    resolved_at     timestamptz,
    resolution      text,
    UNIQUE (sha256, page)
);
