-- What a person needs to decide a page without opening the original: pieces of the page cut
-- out upright (the answers, the form code, the phone field; a preview of a page that is not a
-- form), the text OCR found on a page that is not a form, and the resident it may be from.
-- The phone field of an accepted reply is kept the same way, when something is written in it.

CREATE TABLE page_crops (
    sha256      text NOT NULL,
    page        integer NOT NULL,
    name        text NOT NULL CHECK (name IN ('answers', 'code', 'phone', 'page')),
    png         bytea NOT NULL,
    PRIMARY KEY (sha256, page, name)
);

ALTER TABLE review_items
    ADD COLUMN page_text text,
    ADD COLUMN guess_resident_id text,
    ADD COLUMN detail text NOT NULL DEFAULT '';
