-- A booking's resident and session must exist, and stay. The two foreign keys said so row by
-- row: for the million bookings one allocation writes, two million lookups, each locking the
-- row it found, two thirds of the time of writing them. The same guarantee is kept here once
-- per statement, over all the rows it wrote, by the trigger that already counts the bookings
-- per session:
--  * the session: counting takes each booked session's row lock; a session that is not there
--    (never was, or was deleted first) is not counted, and the statement is refused. A session
--    with bookings cannot be deleted or renumbered: its count says so, read under that lock.
--  * the resident: each booking statement checks all its residents exist while holding a
--    shared lock that removing residents takes exclusively, and removing a resident is refused
--    while bookings name them; so a booking and the removal of its resident cannot pass each
--    other. (Residents are never removed by ofuku: the registry marks them moved out or
--    deceased.) A booking written in an older snapshot (REPEATABLE READ) locks its residents
--    as the key did; removal must be done in READ COMMITTED.
-- Every refusal is a foreign_key_violation, like those of the keys replaced.

ALTER TABLE bookings
    DROP CONSTRAINT bookings_resident_id_fkey,
    DROP CONSTRAINT bookings_session_id_fkey;

-- Counts new bookings into their sessions and checks both references (insert, and the new side
-- of an update).
CREATE OR REPLACE FUNCTION bookings_count_in() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    sessions_named  bigint;
    sessions_found  bigint;
BEGIN
    SELECT count(*) INTO sessions_named FROM (SELECT session_id FROM new_rows GROUP BY session_id) n;
    UPDATE sessions s SET booked = s.booked + n.c
    FROM (SELECT session_id, count(*) AS c FROM new_rows GROUP BY session_id) n
    WHERE s.session_id = n.session_id;
    GET DIAGNOSTICS sessions_found = ROW_COUNT;
    IF sessions_found <> sessions_named THEN
        RAISE EXCEPTION 'a booking names a session that does not exist'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'bookings', COLUMN = 'session_id';
    END IF;
    IF current_setting('transaction_isolation') = 'read committed' THEN
        -- shared with every other booking statement, exclusive to a statement removing residents;
        -- the check after it sees any removal committed before
        PERFORM pg_advisory_xact_lock_shared(hashtext('ofuku: residents removed'));
        IF EXISTS (SELECT 1 FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM residents r WHERE r.resident_id = n.resident_id)) THEN
            RAISE EXCEPTION 'a booking names a resident who does not exist'
                USING ERRCODE = 'foreign_key_violation', TABLE = 'bookings', COLUMN = 'resident_id';
        END IF;
    ELSIF (SELECT count(*) FROM (SELECT resident_id FROM new_rows GROUP BY resident_id) n)
            <> (SELECT count(*) FROM (SELECT 1 FROM residents r WHERE r.resident_id IN (SELECT resident_id FROM new_rows)
                                      FOR KEY SHARE OF r) k) THEN
        -- a snapshot older than the lock could miss a removal: lock the residents, as a foreign key does
        RAISE EXCEPTION 'a booking names a resident who does not exist'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'bookings', COLUMN = 'resident_id';
    END IF;
    RETURN NULL;
END $$;

-- An update moves bookings: out of the old sessions first (so that two bookings swapping full
-- sessions fit), then into the new ones, checked as inserts are.
DROP TRIGGER bookings_moved ON bookings;
DROP FUNCTION bookings_count_moved();
CREATE TRIGGER bookings_moved_1_out AFTER UPDATE ON bookings
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bookings_count_out();
CREATE TRIGGER bookings_moved_2_in AFTER UPDATE ON bookings
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bookings_count_in();

CREATE FUNCTION sessions_keep_booked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.booked > 0 THEN
        RAISE EXCEPTION 'session % has % booking(s): move or cancel them first', OLD.session_id, OLD.booked
            USING ERRCODE = 'foreign_key_violation', TABLE = 'sessions';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER sessions_keep_booked BEFORE DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION sessions_keep_booked();
CREATE TRIGGER sessions_keep_booked_id BEFORE UPDATE OF session_id ON sessions
    FOR EACH ROW WHEN (OLD.session_id IS DISTINCT FROM NEW.session_id) EXECUTE FUNCTION sessions_keep_booked();

-- Taken before a removal or renumbering of residents looks for their bookings: waits for the
-- booking statements under way to commit, so that the look that follows sees their bookings.
CREATE FUNCTION residents_removal_lock() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'remove or renumber residents in a READ COMMITTED transaction: an older snapshot could miss new bookings'
            USING ERRCODE = 'object_not_in_prerequisite_state', TABLE = 'residents';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('ofuku: residents removed'));
END $$;

CREATE FUNCTION residents_keep_booked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM residents_removal_lock();
    IF EXISTS (SELECT 1 FROM bookings b JOIN old_rows o ON o.resident_id = b.resident_id) THEN
        RAISE EXCEPTION 'a resident with bookings cannot be removed: mark them moved out or deceased instead'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'residents';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER residents_keep_booked AFTER DELETE ON residents
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION residents_keep_booked();

CREATE FUNCTION residents_keep_booked_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM residents_removal_lock();
    IF EXISTS (SELECT 1 FROM bookings b WHERE b.resident_id = OLD.resident_id) THEN
        RAISE EXCEPTION 'resident % has bookings: their number cannot change', OLD.resident_id
            USING ERRCODE = 'foreign_key_violation', TABLE = 'residents';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER residents_keep_booked_id BEFORE UPDATE OF resident_id ON residents
    FOR EACH ROW WHEN (OLD.resident_id IS DISTINCT FROM NEW.resident_id) EXECUTE FUNCTION residents_keep_booked_id();

-- A booked reply is found by an anti-join over all bookings at once (allocation asks for the
-- replies not yet decided); an index by reply only slowed writing the bookings.
DROP INDEX bookings_reply;
