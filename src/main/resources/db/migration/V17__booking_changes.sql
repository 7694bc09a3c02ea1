-- The booking desk: every change made by hand to a resident's bookings (cancelled, moved, booked
-- by telephone), who made it and why, and the change letter it queues: one letter per resident
-- per print file, saying what is booked now (or that nothing is), printed by the next `confirm`
-- as confirmations are (reserved in a named print file, written, checked, marked). 'none' when
-- the resident asked for no letter, or the registry says they died or moved away.
CREATE TABLE booking_changes (
    change_id      bigserial PRIMARY KEY,
    wave           text NOT NULL REFERENCES waves (wave),
    resident_id    text NOT NULL REFERENCES residents (resident_id),
    action         text NOT NULL CHECK (action IN ('cancelled', 'moved', 'booked')),
    reason         text,
    detail         text NOT NULL,
    changed_at     timestamptz NOT NULL DEFAULT now(),
    changed_by     text NOT NULL,
    letter         text NOT NULL CHECK (letter IN ('wanted', 'none')),
    print_file     text REFERENCES confirm_print_files (name),
    sequence       integer,
    printed_at     timestamptz,
    exception      text
);
CREATE INDEX booking_changes_resident ON booking_changes (resident_id);
CREATE INDEX booking_changes_waiting ON booking_changes (change_id) WHERE letter = 'wanted' AND printed_at IS NULL;
