-- Invitation waves, each resident's offered options, and the print files that carry the letters.

CREATE TABLE waves (
    wave            text PRIMARY KEY,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- Form codes are 8-digit serials with 2 check digits; the serial comes from here.
CREATE SEQUENCE form_serial START WITH 10000001 MAXVALUE 99999999 NO CYCLE;

-- One letter to one resident in one wave. The form code is what the reply form carries.
CREATE TABLE invitations (
    form_code       text PRIMARY KEY CHECK (form_code ~ '^[0-9]{10}$'),
    wave            text NOT NULL REFERENCES waves (wave),
    resident_id     text NOT NULL REFERENCES residents (resident_id),
    cohort          text NOT NULL,
    language        text NOT NULL,
    large_print     boolean NOT NULL,
    planned_at      timestamptz NOT NULL DEFAULT now(),
    job_execution_id bigint NOT NULL,
    -- planned -> printed, or exception (a letter that must not go to the printer, with why)
    status          text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'printed', 'exception')),
    exception       text,
    print_file      text,
    sequence        integer,
    printed_at      timestamptz,
    CONSTRAINT one_letter_per_wave UNIQUE (wave, resident_id)
);
CREATE INDEX invitations_status ON invitations (wave, status);

-- The options printed on a form: option k (1-based) is a session.
CREATE TABLE offers (
    form_code       text NOT NULL REFERENCES invitations (form_code),
    option_no       integer NOT NULL CHECK (option_no BETWEEN 1 AND 30),
    session_id      bigint NOT NULL REFERENCES sessions (session_id),
    PRIMARY KEY (form_code, option_no),
    CONSTRAINT one_offer_per_session UNIQUE (form_code, session_id)
);
CREATE INDEX offers_session ON offers (session_id);

-- A PDF of at most 1,000 mail pieces and its manifest. 'writing' until both are complete,
-- checked against each other and renamed into place; then 'done'.
CREATE TABLE print_files (
    name            text PRIMARY KEY,
    wave            text NOT NULL REFERENCES waves (wave),
    kind            text NOT NULL,
    directory       text NOT NULL,
    status          text NOT NULL DEFAULT 'writing' CHECK (status IN ('writing', 'done')),
    pieces          integer NOT NULL,
    pages           integer,
    job_execution_id bigint NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    completed_at    timestamptz
);
