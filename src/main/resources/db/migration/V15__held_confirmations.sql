-- A confirmation letter whose page failed the print check is held, not printed: it leaves its
-- print file (print_file and sequence cleared) and keeps the check's reason. Releasing it
-- deletes the row, so the next `confirm` writes to the resident again.
ALTER TABLE confirmations ALTER COLUMN print_file DROP NOT NULL;
ALTER TABLE confirmations ALTER COLUMN sequence DROP NOT NULL;
ALTER TABLE confirmations ADD COLUMN exception text;
ALTER TABLE confirmations ADD CONSTRAINT held_or_in_a_file CHECK ((print_file IS NULL) = (exception IS NOT NULL));
