-- Booking: a resident booked into one session per dose and wave. The database, not the
-- application, keeps every session within its capacity: each session counts its bookings in
-- `booked` (kept by the triggers below, whoever books: the allocate job, an operator by hand,
-- a second allocator on another machine) and a CHECK refuses any count above capacity. Two
-- bookers racing for the last place are serialised on the session's row; the loser's
-- statement fails and books nobody.

ALTER TABLE sessions
    ADD COLUMN booked integer NOT NULL DEFAULT 0,
    ADD CONSTRAINT sessions_within_capacity CHECK (booked >= 0 AND booked <= capacity);

CREATE TABLE bookings (
    booking_id       bigserial PRIMARY KEY,
    wave             text NOT NULL REFERENCES waves (wave),
    resident_id      text NOT NULL REFERENCES residents (resident_id),
    form_code        text REFERENCES invitations (form_code),
    session_id       bigint NOT NULL REFERENCES sessions (session_id),
    dose             integer NOT NULL CHECK (dose > 0),
    reply_id         bigint REFERENCES replies (reply_id),
    booked_at        timestamptz NOT NULL DEFAULT now(),
    booked_by        text NOT NULL,
    job_execution_id bigint,
    CONSTRAINT one_booking_per_dose UNIQUE (wave, resident_id, dose)
);
CREATE INDEX bookings_session ON bookings (session_id);
CREATE INDEX bookings_reply ON bookings (reply_id);

CREATE FUNCTION bookings_count_in() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE sessions s SET booked = s.booked + n.c
    FROM (SELECT session_id, count(*) AS c FROM new_rows GROUP BY session_id) n
    WHERE s.session_id = n.session_id;
    RETURN NULL;
END $$;

CREATE FUNCTION bookings_count_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE sessions s SET booked = s.booked - o.c
    FROM (SELECT session_id, count(*) AS c FROM old_rows GROUP BY session_id) o
    WHERE s.session_id = o.session_id;
    RETURN NULL;
END $$;

CREATE FUNCTION bookings_count_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE sessions s SET booked = s.booked - o.c
    FROM (SELECT session_id, count(*) AS c FROM old_rows GROUP BY session_id) o
    WHERE s.session_id = o.session_id;
    UPDATE sessions s SET booked = s.booked + n.c
    FROM (SELECT session_id, count(*) AS c FROM new_rows GROUP BY session_id) n
    WHERE s.session_id = n.session_id;
    RETURN NULL;
END $$;

CREATE TRIGGER bookings_in AFTER INSERT ON bookings
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bookings_count_in();
CREATE TRIGGER bookings_out AFTER DELETE ON bookings
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bookings_count_out();
CREATE TRIGGER bookings_moved AFTER UPDATE ON bookings
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bookings_count_moved();

-- Residents who said they do not wish to be vaccinated: no more letters in the wave.
CREATE TABLE declines (
    wave            text NOT NULL REFERENCES waves (wave),
    resident_id     text NOT NULL REFERENCES residents (resident_id),
    form_code       text NOT NULL REFERENCES invitations (form_code),
    reply_id        bigint NOT NULL REFERENCES replies (reply_id),
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (wave, resident_id)
);

-- What allocation decided for each accepted reply it looked at, so a rerun knows it is done
-- and `confirm` knows whom to write to: booked, unplaced (none of the marked sessions had
-- room), other_dates (asked for other dates), declined, or review (a reply for a resident
-- already booked: a change of mind for a person to handle).
CREATE TABLE allocations (
    reply_id         bigint PRIMARY KEY REFERENCES replies (reply_id),
    outcome          text NOT NULL CHECK (outcome IN ('booked', 'unplaced', 'other_dates', 'declined', 'review')),
    job_execution_id bigint NOT NULL,
    decided_at       timestamptz NOT NULL DEFAULT now()
);
