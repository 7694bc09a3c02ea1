-- Attendance, recorded after the session day by the phone desk or from a site's list. A
-- booking attended stays a booking; a no-show's booking (with the later doses booked with it)
-- moves to cancelled_bookings with reason 'no_show', and the resident is offered new dates.
CREATE TABLE attendance (
    booking_id      bigint PRIMARY KEY,
    wave            text NOT NULL,
    resident_id     text NOT NULL REFERENCES residents (resident_id),
    session_id      bigint NOT NULL REFERENCES sessions (session_id),
    dose            integer NOT NULL,
    outcome         text NOT NULL CHECK (outcome IN ('attended', 'no_show')),
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    recorded_by     text NOT NULL
);
CREATE INDEX attendance_resident ON attendance (resident_id);

ALTER TABLE cancelled_bookings DROP CONSTRAINT cancelled_bookings_reason_check;
ALTER TABLE cancelled_bookings ADD CONSTRAINT cancelled_bookings_reason_check
    CHECK (reason IN ('deceased', 'moved_out', 'asked', 'ill', 'other', 'session_cancelled', 'no_show', 'capacity_lowered'));

-- A wave left open: each nightly invites the residents who newly match its rule (turned 65,
-- moved in), once each, until the wave is closed.
ALTER TABLE waves ADD COLUMN cohort_rule text;
ALTER TABLE waves ADD COLUMN opened_at timestamptz;
ALTER TABLE waves ADD COLUMN opened_by text;
ALTER TABLE waves ADD COLUMN closed_at timestamptz;
ALTER TABLE waves ADD CONSTRAINT waves_open_has_rule CHECK (opened_at IS NULL OR cohort_rule IS NOT NULL);

-- A change letter to a resident booked by telephone who was never sent a form carries a
-- reference of its own, drawn from the form codes' serial (the letter needs one, and the
-- print check matches pages to pieces by it).
ALTER TABLE booking_changes ADD COLUMN reference text;
