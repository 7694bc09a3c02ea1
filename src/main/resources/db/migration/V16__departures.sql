-- When the registry says a resident died or moved away, what was under way for them stops:
-- their bookings of sessions still to come are cancelled (kept here, with why and when; the
-- places are free at once, the counting triggers see a DELETE), and their letters not yet
-- printed are withdrawn. Cancellations by the phone desk and by a closed session will be kept
-- here too.
CREATE TABLE cancelled_bookings (
    booking_id       bigint PRIMARY KEY,
    wave             text NOT NULL,
    resident_id      text NOT NULL,
    form_code        text,
    session_id       bigint NOT NULL,
    dose             integer NOT NULL,
    reply_id         bigint,
    booked_at        timestamptz NOT NULL,
    booked_by        text NOT NULL,
    cancelled_at     timestamptz NOT NULL DEFAULT now(),
    cancelled_by     text NOT NULL,
    reason           text NOT NULL CHECK (reason IN ('deceased', 'moved_out', 'asked', 'ill', 'other', 'session_cancelled'))
);
CREATE INDEX cancelled_bookings_resident ON cancelled_bookings (resident_id);

-- 'withdrawn': planned, never printed, and never to be (the resident left the registry)
ALTER TABLE invitations DROP CONSTRAINT invitations_status_check;
ALTER TABLE invitations ADD CONSTRAINT invitations_status_check
    CHECK (status IN ('planned', 'printed', 'exception', 'withdrawn'));
