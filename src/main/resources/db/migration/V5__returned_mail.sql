-- A letter sheet of ours that comes back (the post office returns it as undeliverable) is
-- recognised by its sheet code and recorded against the invitation for an operator to follow up.
ALTER TABLE read_pages DROP CONSTRAINT read_pages_outcome_check;
ALTER TABLE read_pages ADD CONSTRAINT read_pages_outcome_check
    CHECK (outcome IN ('reply', 'review', 'blank', 'duplicate', 'returned'));

CREATE TABLE returned_mail (
    form_code       text NOT NULL REFERENCES invitations (form_code),
    sha256          text NOT NULL,
    page            integer NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    followed_up_by  text,
    followed_up_at  timestamptz,
    PRIMARY KEY (sha256, page)
);
