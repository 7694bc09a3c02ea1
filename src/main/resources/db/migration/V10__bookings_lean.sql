-- Allocation writes a million bookings at a time. Each foreign key costs a lookup per row, so
-- bookings keep the two that guard what matters (the resident, and the session whose capacity
-- is counted) and record the wave, the form and the reply they came from without a key: they
-- are written from those rows in the same transaction. Likewise an allocation's reply.
ALTER TABLE bookings
    DROP CONSTRAINT bookings_wave_fkey,
    DROP CONSTRAINT bookings_form_code_fkey,
    DROP CONSTRAINT bookings_reply_id_fkey;
ALTER TABLE allocations DROP CONSTRAINT allocations_reply_id_fkey;

-- From here on a booked reply is known by its booking (bookings.reply_id); allocations records
-- what became of the replies that were not booked (unplaced, other dates, declined, review).
