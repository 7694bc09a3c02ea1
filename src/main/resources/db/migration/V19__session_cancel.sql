-- A session closed by a supervisor (an earthquake, a sick doctor): its bookings were moved or
-- cancelled first, and the database keeps it empty from then on, whoever books.
ALTER TABLE sessions ADD COLUMN cancelled_at timestamptz;
ALTER TABLE sessions ADD COLUMN cancel_reason text;
ALTER TABLE sessions ADD CONSTRAINT sessions_cancelled_empty CHECK (cancelled_at IS NULL OR booked = 0);

-- A reply whose booking went with a cancelled session is undecided again ('unplaced': the next
-- run offers new dates), decided then by the site desk rather than by an allocation job.
ALTER TABLE allocations ALTER COLUMN job_execution_id DROP NOT NULL;
