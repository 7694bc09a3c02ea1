-- New dates: a resident none of whose chosen sessions had room, or who asked for other dates,
-- gets a new letter with new options in the same wave: a new invitation (round 2, 3, …) with
-- its own form code, replacing the old one. A reply on a replaced form goes to a person.

ALTER TABLE invitations
    DROP CONSTRAINT one_letter_per_wave,
    ADD COLUMN round integer NOT NULL DEFAULT 1 CHECK (round >= 1),
    ADD COLUMN replaces text REFERENCES invitations (form_code),
    ADD CONSTRAINT one_letter_per_round UNIQUE (wave, resident_id, round);
CREATE UNIQUE INDEX invitations_replaced_once ON invitations (replaces) WHERE replaces IS NOT NULL;
