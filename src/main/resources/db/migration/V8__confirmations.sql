-- Confirmation letters: one per resident and wave, naming every dose booked. Printed as
-- invitations are: pieces reserved for a named print file (committed), then the file written,
-- checked against its manifest, renamed into place and marked done; a file left 'writing' by
-- a killed run is written again with the same pieces, so no letter is printed twice.

CREATE TABLE confirm_print_files (
    name             text PRIMARY KEY,
    directory        text NOT NULL,
    status           text NOT NULL DEFAULT 'writing' CHECK (status IN ('writing', 'done')),
    pieces           integer NOT NULL,
    pages            integer,
    job_execution_id bigint NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    completed_at     timestamptz
);

CREATE TABLE confirmations (
    wave             text NOT NULL REFERENCES waves (wave),
    resident_id      text NOT NULL REFERENCES residents (resident_id),
    form_code        text NOT NULL REFERENCES invitations (form_code),
    print_file       text NOT NULL REFERENCES confirm_print_files (name),
    sequence         integer NOT NULL,
    printed_at       timestamptz,
    PRIMARY KEY (wave, resident_id)
);
CREATE INDEX confirmations_file ON confirmations (print_file, sequence);
