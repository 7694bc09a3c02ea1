package jp.ofuku.invite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import jp.ofuku.letters.Catalog;
import jp.ofuku.letters.FontChain;
import jp.ofuku.letters.LetterContext;
import jp.ofuku.letters.LetterSetup;
import jp.ofuku.letters.MailPiece;
import jp.ofuku.letters.PrintFile;
import jp.ofuku.ops.Progress;
import jp.ofuku.registry.Language;

/**
 * Writes the wave's letters into print files, one step of work per transaction, so that a
 * run killed at any moment prints no letter twice: pieces are first reserved for a named
 * print file (committed), then that file is written, checked, renamed into place and marked
 * done (committed). A file left 'writing' by a killed run is written again, same name, same
 * pieces, before anything new is reserved.
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
        List<InvitationStore.PrintFileRow> unfinished = store.unfinishedPrintFiles(run.wave());
        if (!unfinished.isEmpty()) {
            List<InvitationStore.PrintFileRow> files = unfinished.subList(0, Math.min(WRITERS, unfinished.size()));
            store.withdrawLeftFrom(files.stream().map(InvitationStore.PrintFileRow::name).toList());
            write(run, files, contribution);
            return RepeatStatus.CONTINUABLE;
        }
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
        return reserved || !store.nextUnprinted(run.wave(), 1).isEmpty() ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
    }

    /** Writes reserved print files side by side, one per core, and marks each done. */
    private void write(InviteRun run, List<InvitationStore.PrintFileRow> files, StepContribution contribution)
            throws Exception {
        LetterContext context = letters.on(run.letterDate());
        List<Future<PrintFile.Written>> written = new ArrayList<>();
        for (InvitationStore.PrintFileRow file : files) {
            List<MailPiece> pieces = new ArrayList<>();
            for (InvitationStore.PieceSource source : store.pieces(store.printFileContents(file.name()))) {
                pieces.add(source.toPiece());
                run.add(InviteRun.FOLDED, source.folded() ? 1 : 0);
                run.add(InviteRun.FALLBACK_LANGUAGE, Language.ofTag(source.language()).isPresent() ? 0 : 1);
            }
            written.add(writers.submit(() -> PrintFile.write(Path.of(file.directory()), file.name(), pieces, context,
                    letters.afterRender())));
        }
        for (int i = 0; i < files.size(); i++) {
            PrintFile.Written file;
            try {
                file = written.get(i).get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            // held pieces leave the file in the same transaction that marks it printed: a run killed
            // before this commit writes the file again, and the check holds the same pieces again
            store.hold(files.get(i).name(), file.held());
            store.markPrinted(files.get(i).name(), file.pages());
            run.add(InviteRun.FILES, file.pieces() > 0 ? 1 : 0);
            run.add(InviteRun.PRINTED, file.pieces());
            run.add(InviteRun.EXCEPTIONS, file.held().size());
            progress.at(run.add(InviteRun.PAGES, file.pages()));
            contribution.incrementWriteCount(file.pieces());
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
