package jp.ofuku.invite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import jp.ofuku.letters.Catalog;
import jp.ofuku.letters.FontChain;
import jp.ofuku.letters.LetterSetup;
import jp.ofuku.letters.MailPiece;
import jp.ofuku.letters.PrintFile;
import jp.ofuku.letters.PrintQueue;
import jp.ofuku.ops.Progress;
import jp.ofuku.registry.Language;

/**
 * Writes the wave's letters into print files by the one print-file protocol ({@link PrintQueue}),
 * one step of work per transaction, a file per core at once: a run killed at any moment prints
 * no letter twice. A piece no font can draw is held as an exception before it is reserved.
 */
class PrintTasklet implements Tasklet, StepExecutionListener {

    private final InvitationStore store;
    private final LetterSetup letters;
    private Progress progress;
    private ExecutorService writers;

    /** Print files written at once: one per core of the machine kind ofuku is sized for. */
    static final int WRITERS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    PrintTasklet(InvitationStore store, LetterSetup letters) {
        this.store = store;
        this.letters = letters;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        progress = null;
        writers = Executors.newFixedThreadPool(WRITERS, r -> {
            Thread t = new Thread(r, "print-file-writer");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        writers.shutdownNow();
        return null;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        InviteRun run = InviteRun.of(chunkContext);
        if (progress == null) {
            // no letter for a resident the registry no longer has as active: once per run for the wave (reserving
            // leaves them out after that), and for each file before it is written
            store.withdrawLeft();
            progress = Progress.of("invite " + run.wave() + ": printing", "pages", 2L * store.counts(run.wave())
                    .getOrDefault("planned", 0L));
        }
        boolean more = PrintQueue.step(new Letters(run), letters, letters.on(run.letterDate()), writers, WRITERS, (file, written) -> {
            run.add(InviteRun.FILES, written.pieces() > 0 ? 1 : 0);
            run.add(InviteRun.PRINTED, written.pieces());
            run.add(InviteRun.EXCEPTIONS, written.held().size());
            progress.at(run.add(InviteRun.PAGES, written.pages()));
            contribution.incrementWriteCount(written.pieces());
        });
        return more ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
    }

    /** A wave's invitation (or new-dates) letters, as the print-file protocol sees them. */
    private final class Letters implements PrintQueue {

        private final InviteRun run;

        Letters(InviteRun run) {
            this.run = run;
        }

        @Override
        public List<Reserved> unfinished() {
            return store.unfinishedPrintFiles(run.wave()).stream().map(f -> new Reserved(f.name(), Path.of(f.directory()))).toList();
        }

        @Override
        public void settle(List<Reserved> files) {
            store.withdrawLeftFrom(files.stream().map(Reserved::name).toList());
        }

        @Override
        public List<MailPiece> pieces(Reserved file) {
            List<MailPiece> pieces = new ArrayList<>();
            for (InvitationStore.PieceSource source : store.pieces(store.printFileContents(file.name()))) {
                pieces.add(source.toPiece());
                run.add(InviteRun.FOLDED, source.folded() ? 1 : 0);
                run.add(InviteRun.FALLBACK_LANGUAGE, Language.ofTag(source.language()).isPresent() ? 0 : 1);
            }
            return pieces;
        }

        @Override
        public void done(Reserved file, PrintFile.Written written) {
            store.hold(file.name(), written.held());
            store.markPrinted(file.name(), written.pages());
        }

        /** Up to one file per writer; a piece no font can draw is held as an exception before it is reserved. */
        @Override
        public boolean reserve() {
            boolean reserved = false;
            for (int f = 0; f < WRITERS; f++) {
                List<String> next = store.nextUnprinted(run.wave(), PrintFile.MAX_PIECES);
                if (next.isEmpty()) {
                    break;
                }
                List<String> printable = new ArrayList<>();
                for (InvitationStore.PieceSource source : store.pieces(next)) {
                    String problem = undrawable(source);
                    if (problem == null) {
                        printable.add(source.formCode());
                    } else {
                        store.markException(source.formCode(), problem);
                        run.add(InviteRun.EXCEPTIONS, 1);
                    }
                }
                if (!printable.isEmpty()) {
                    store.createPrintFile(run.wave(), run.out().toString(), run.executionId(), printable);
                    reserved = true;
                }
            }
            return reserved;
        }

        @Override
        public boolean anyLeft() {
            return !store.nextUnprinted(run.wave(), 1).isEmpty();
        }
    }

    /** Why a piece cannot be printed (a character no font draws), or null: a wrong name is worse than a late letter. */
    static String undrawable(InvitationStore.PieceSource source) {
        MailPiece piece = source.toPiece();
        FontChain fonts = new FontChain(null, Catalog.forTag(piece.language()).fonts());
        List<String> missing = new ArrayList<>(fonts.missing(piece.name()));
        missing.addAll(fonts.missing(piece.address()));
        return missing.isEmpty() ? null
                : "no font can draw " + String.join(", ", missing.stream().distinct().toList()) + " in the name or address";
    }
}
