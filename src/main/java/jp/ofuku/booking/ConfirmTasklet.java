package jp.ofuku.booking;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import jp.ofuku.letters.LetterSetup;
import jp.ofuku.letters.MailPiece;
import jp.ofuku.letters.PrintFile;
import jp.ofuku.letters.PrintQueue;

/**
 * Writes confirmation letters, then change letters (bookings changed by hand or by a closed
 * session), in files of their own, by the one print-file protocol ({@link PrintQueue}): a run
 * killed at any moment prints no letter twice.
 */
class ConfirmTasklet implements Tasklet {

    static final String OUT = "out";

    private final ConfirmStore store;
    private final LetterSetup letters;
    private final Departures departures;
    private final ChangeLetterStore changes;
    /** Progress of the run under way (this tasklet serves every run of the job, one at a time). */
    private jp.ofuku.ops.Progress progress;
    private long progressRun = -1;

    ConfirmTasklet(ConfirmStore store, ChangeLetterStore changes, LetterSetup letters, Departures departures) {
        this.store = store;
        this.changes = changes;
        this.letters = letters;
        this.departures = departures;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        ExecutionContext counts = chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
        long executionId = chunkContext.getStepContext().getStepExecution().getJobExecutionId();
        if (progressRun != executionId) {
            // residents the registry says died or moved away: bookings to come cancelled, letters not yet printed dropped
            departures.settle("confirm run " + executionId);
            progressRun = executionId;
            progress = jp.ofuku.ops.Progress.of("confirm: printing", "letters", store.waiting() + changes.waiting());
        }
        String out = chunkContext.getStepContext().getStepExecution().getJobParameters().getString(OUT);
        boolean more = PrintQueue.step(new Letters(out, executionId), letters, letters.on(LocalDate.now()), null, 1, (file, written) -> {
            String kind = ChangeLetterStore.isChangeFile(file.name()) ? ConfirmRun.CHANGE_LETTERS : ConfirmRun.LETTERS;
            counts.putLong(kind, counts.getLong(kind, 0) + written.pieces());
            counts.putLong(ConfirmRun.FILES, counts.getLong(ConfirmRun.FILES, 0) + (written.pieces() > 0 ? 1 : 0));
            counts.putLong(ConfirmRun.HELD, counts.getLong(ConfirmRun.HELD, 0) + written.held().size());
            contribution.incrementWriteCount(written.pieces());
            progress.at(counts.getLong(ConfirmRun.LETTERS, 0) + counts.getLong(ConfirmRun.CHANGE_LETTERS, 0));
        });
        return more ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
    }

    /** Confirmations, then change letters, as the print-file protocol sees them: one file at a time. */
    private final class Letters implements PrintQueue {

        private final String out;
        private final long executionId;
        /** The pieces of the change file being written: those the check holds are found by them. */
        private final java.util.Map<String, List<MailPiece>> changePieces = new java.util.HashMap<>();

        Letters(String out, long executionId) {
            this.out = out;
            this.executionId = executionId;
        }

        @Override
        public List<Reserved> unfinished() {
            return store.unfinished().stream().map(f -> new Reserved(f.name(), Path.of(f.directory()))).toList();
        }

        /** A resident who left since the file was reserved gets no letter. */
        @Override
        public void settle(List<Reserved> files) {
            store.dropLeft();
            changes.dropLeft();
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
