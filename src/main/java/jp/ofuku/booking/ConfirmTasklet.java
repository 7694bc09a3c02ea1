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

/**
 * Writes confirmation letters, one step of work per transaction: a print file's pieces are
 * reserved (committed), then the file is written, checked against its manifest, renamed into
 * place and marked done (committed). A file left half-written by a killed run is written again,
 * same name, same pieces, before anything new is reserved: no letter is printed twice. Change
 * letters (bookings changed by hand) follow the confirmations, in files of their own.
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
        List<ConfirmStore.FileRow> unfinished = store.unfinished();
        store.dropLeft(); // a resident who left since the file was reserved gets no letter
        changes.dropLeft();
        if (!unfinished.isEmpty()) {
            ConfirmStore.FileRow file = unfinished.get(0);
            boolean change = ChangeLetterStore.isChangeFile(file.name());
            List<MailPiece> pieces = change ? changes.pieces(file.name()) : store.pieces(file.name());
            PrintFile.Written written = PrintFile.write(Path.of(file.directory()), file.name(), pieces, letters.on(LocalDate.now()),
                    letters.afterRender());
            // held letters leave the file in the transaction that marks it done (a rerun holds them again)
            if (change) {
                changes.hold(file.name(), written.held(), pieces);
                changes.markPrinted(file.name());
            } else {
                store.hold(file.name(), written.held());
            }
            store.markDone(file.name(), written.pages());
            String kind = change ? ConfirmRun.CHANGE_LETTERS : ConfirmRun.LETTERS;
            counts.putLong(kind, counts.getLong(kind, 0) + written.pieces());
            counts.putLong(ConfirmRun.FILES, counts.getLong(ConfirmRun.FILES, 0) + (written.pieces() > 0 ? 1 : 0));
            counts.putLong(ConfirmRun.HELD, counts.getLong(ConfirmRun.HELD, 0) + written.held().size());
            contribution.incrementWriteCount(written.pieces());
            progress.at(counts.getLong(ConfirmRun.LETTERS, 0) + counts.getLong(ConfirmRun.CHANGE_LETTERS, 0));
            return RepeatStatus.CONTINUABLE;
        }
        // confirmations first, then the change letters of bookings changed by hand
        String out = chunkContext.getStepContext().getStepExecution().getJobParameters().getString(OUT);
        String reserved = store.reserve(out, executionId, PrintFile.MAX_PIECES);
        if (reserved == null) {
            reserved = changes.reserve(out, executionId, PrintFile.MAX_PIECES);
        }
        return reserved == null ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
    }
}
