package jp.ofuku.booking;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.step.StepExecution;

import jp.ofuku.letters.LetterContext;
import jp.ofuku.letters.LetterSetup;
import jp.ofuku.letters.MailPiece;
import jp.ofuku.letters.PrintFile;
import jp.ofuku.letters.PrintQueue;
import jp.ofuku.letters.PrintSteps;
import jp.ofuku.ops.Partitions;
import jp.ofuku.ops.Progress;

/**
 * Confirmation letters, then change letters (bookings changed by hand or by a closed session),
 * in print files of their own, as the print steps see them ({@link PrintSteps}): kept in
 * {@code confirm_print_files}, {@code confirmations} and {@code booking_changes}.
 */
final class ConfirmLetters implements PrintSteps.Kind {

    private final java.time.Clock clock;

    static final String OUT = "out";

    private final ConfirmStore store;
    private final ChangeLetterStore changes;
    private final LetterSetup letters;
    private final Departures departures;

    ConfirmLetters(ConfirmStore store, ChangeLetterStore changes, LetterSetup letters, Departures departures, java.time.Clock clock) {
        this.clock = clock;
        this.store = store;
        this.changes = changes;
        this.letters = letters;
        this.departures = departures;
    }

    @Override
    public PrintQueue queue(StepExecution step) {
        return new Queue(step.getJobParameters().getString(OUT), step.getJobExecutionId());
    }

    @Override
    public LetterContext context(StepExecution step) {
        return letters.on(LocalDate.now(clock));
    }

    /** Residents the registry says died or moved away: bookings to come cancelled, letters not yet printed dropped. */
    @Override
    public void beforeReserving(StepExecution step) {
        departures.settle("confirm run " + step.getJobExecutionId());
    }

    @Override
    public Progress progress(StepExecution step) {
        return Progress.of("confirm: printing", "letters", store.waiting() + changes.waiting());
    }

    @Override
    public long progressOf(PrintFile.Written written) {
        return written.pieces();
    }

    @Override
    public void count(StepExecution partition, PrintQueue.Reserved file, PrintFile.Written written) {
        Partitions.add(partition, ChangeLetterStore.isChangeFile(file.name()) ? ConfirmRun.CHANGE_LETTERS : ConfirmRun.LETTERS,
                written.pieces());
        Partitions.add(partition, ConfirmRun.FILES, written.pieces() > 0 ? 1 : 0);
        Partitions.add(partition, ConfirmRun.HELD, written.held().size());
    }

    /** Confirmations first, then change letters: one file reserved, or claimed, at a time. */
    private final class Queue implements PrintQueue {

        private final String out;
        private final long executionId;
        /** The pieces of the change file being written: those the check holds are found by them. */
        private final Map<String, List<MailPiece>> changePieces = new HashMap<>();

        Queue(String out, long executionId) {
            this.out = out;
            this.executionId = executionId;
        }

        @Override
        public List<Reserved> unfinished() {
            return store.unfinished().stream().map(f -> new Reserved(f.name(), Path.of(f.directory()))).toList();
        }

        @Override
        public Optional<Reserved> claim(String first, String last) {
            return store.claim(first, last).map(f -> new Reserved(f.name(), Path.of(f.directory())));
        }

        /** A resident who left since the file was reserved gets no letter. */
        @Override
        public void settle(Reserved file) {
            if (ChangeLetterStore.isChangeFile(file.name())) {
                changes.dropLeftFrom(file.name());
            } else {
                store.dropLeftFrom(file.name());
            }
        }

        @Override
        public List<MailPiece> pieces(Reserved file) {
            if (!ChangeLetterStore.isChangeFile(file.name())) {
                return store.pieces(file.name());
            }
            List<MailPiece> pieces = changes.pieces(file.name());
            changePieces.put(file.name(), pieces);
            return pieces;
        }

        @Override
        public void done(Reserved file, PrintFile.Written written) {
            if (ChangeLetterStore.isChangeFile(file.name())) {
                changes.hold(file.name(), written.held(), changePieces.remove(file.name()));
                changes.markPrinted(file.name());
            } else {
                store.hold(file.name(), written.held());
            }
            store.markDone(file.name(), written.pages());
        }

        /** Confirmations first, then the change letters of bookings changed by hand. */
        @Override
        public boolean reserve() {
            String reserved = store.reserve(out, executionId, PrintFile.MAX_PIECES);
            if (reserved == null) {
                reserved = changes.reserve(out, executionId, PrintFile.MAX_PIECES);
            }
            return reserved != null;
        }
    }
}
