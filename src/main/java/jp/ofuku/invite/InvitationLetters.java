package jp.ofuku.invite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.step.StepExecution;

import jp.ofuku.letters.Catalog;
import jp.ofuku.letters.FontChain;
import jp.ofuku.letters.LetterContext;
import jp.ofuku.letters.LetterSetup;
import jp.ofuku.letters.MailPiece;
import jp.ofuku.letters.PrintFile;
import jp.ofuku.letters.PrintQueue;
import jp.ofuku.letters.PrintSteps;
import jp.ofuku.ops.Partitions;
import jp.ofuku.ops.Progress;
import jp.ofuku.registry.Language;

/**
 * A wave's invitation (or new-dates) letters as the print steps see them ({@link PrintSteps}):
 * kept in {@code print_files} and {@code invitations}. A piece no font can draw is held as an
 * exception before it is reserved: a wrong name is worse than a late letter.
 */
final class InvitationLetters implements PrintSteps.Kind {

    private final InvitationStore store;
    private final LetterSetup letters;

    InvitationLetters(InvitationStore store, LetterSetup letters) {
        this.store = store;
        this.letters = letters;
    }

    @Override
    public PrintQueue queue(StepExecution step) {
        return new Queue(InviteRun.of(step), step);
    }

    @Override
    public LetterContext context(StepExecution step) {
        return letters.on(InviteRun.of(step).letterDate());
    }

    /** No letter for a resident the registry no longer has as active: once per run, and for each file before it is written. */
    @Override
    public void beforeReserving(StepExecution step) {
        store.withdrawLeft();
    }

    @Override
    public Progress progress(StepExecution step) {
        InviteRun run = InviteRun.of(step);
        return Progress.of("invite " + run.wave() + ": printing", "pages", 2L * store.counts(run.wave()).getOrDefault("planned", 0L));
    }

    @Override
    public long progressOf(PrintFile.Written written) {
        return written.pages();
    }

    @Override
    public void count(StepExecution partition, PrintQueue.Reserved file, PrintFile.Written written) {
        Partitions.add(partition, InviteRun.FILES, written.pieces() > 0 ? 1 : 0);
        Partitions.add(partition, InviteRun.PRINTED, written.pieces());
        Partitions.add(partition, InviteRun.EXCEPTIONS, written.held().size());
        Partitions.add(partition, InviteRun.PAGES, written.pages());
    }

    /** The run's files: reserved by wave, claimed one at a time. */
    private final class Queue implements PrintQueue {

        private final InviteRun run;
        private final StepExecution step;
        /** Of the file being written: names folded to fit, pieces in a language with no catalog of its own. */
        private long folded;
        private long fallback;

        Queue(InviteRun run, StepExecution step) {
            this.run = run;
            this.step = step;
        }

        @Override
        public List<Reserved> unfinished() {
            return store.unfinishedPrintFiles(run.wave()).stream().map(f -> new Reserved(f.name(), Path.of(f.directory()))).toList();
        }

        @Override
        public Optional<Reserved> claim(String first, String last) {
            return store.claimPrintFile(run.wave(), first, last).map(f -> new Reserved(f.name(), Path.of(f.directory())));
        }

        @Override
        public void settle(Reserved file) {
            store.withdrawLeftFrom(List.of(file.name()));
        }

        @Override
        public List<MailPiece> pieces(Reserved file) {
            List<MailPiece> pieces = new ArrayList<>();
            folded = 0;
            fallback = 0;
            for (InvitationStore.PieceSource source : store.pieces(store.printFileContents(file.name()))) {
                pieces.add(source.toPiece());
                folded += source.folded() ? 1 : 0;
                fallback += Language.ofTag(source.language()).isPresent() ? 0 : 1;
            }
            return pieces;
        }

        /** The file done: its pieces held by the check leave it; what its pieces needed is counted (once, a file that failed is not). */
        @Override
        public void done(Reserved file, PrintFile.Written written) {
            store.hold(file.name(), written.held());
            store.markPrinted(file.name(), written.pages());
            Partitions.add(step, InviteRun.FOLDED, folded);
            Partitions.add(step, InviteRun.FALLBACK_LANGUAGE, fallback);
        }

        /** One file; a piece no font can draw is held as an exception before it is reserved. */
        @Override
        public boolean reserve() {
            List<String> next = store.nextUnprinted(run.wave(), PrintFile.MAX_PIECES);
            if (next.isEmpty()) {
                return false;
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
            if (printable.isEmpty()) {
                return false;
            }
            store.createPrintFile(run.wave(), run.out().toString(), run.executionId(), printable);
            return true;
        }

        @Override
        public boolean anyLeft() {
            return !store.nextUnprinted(run.wave(), 1).isEmpty();
        }
    }

    /** Why a piece cannot be printed (a character no font draws), or null. */
    static String undrawable(InvitationStore.PieceSource source) {
        MailPiece piece = source.toPiece();
        FontChain fonts = new FontChain(null, Catalog.forTag(piece.language()).fonts());
        List<String> missing = new ArrayList<>(fonts.missing(piece.name()));
        missing.addAll(fonts.missing(piece.address()));
        return missing.isEmpty() ? null
                : "no font can draw " + String.join(", ", missing.stream().distinct().toList()) + " in the name or address";
    }
}
