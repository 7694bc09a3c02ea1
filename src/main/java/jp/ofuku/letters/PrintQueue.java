package jp.ofuku.letters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * The one protocol every kind of letter is printed by (invitations, new-dates letters,
 * confirmations, change letters), so that a run killed at any moment prints no letter twice:
 * pieces are first reserved for a named print file (committed); then the file is written,
 * checked page by page against its manifest, renamed into place, and marked done with the
 * pieces the check held back (committed). A file left reserved by a killed run is written
 * again, same name, same pieces, before anything new is reserved. Each kind of letter says
 * where its files and pieces are kept; {@link #step} is one unit of work of a print step.
 */
public interface PrintQueue {

    /** A print file reserved and not yet done: its name and the folder it goes to. */
    record Reserved(String name, Path directory) {
    }

    /** Files reserved and not yet done, oldest first. */
    List<Reserved> unfinished();

    /** Before these files are written: pieces of residents who since left the registry leave them (no letter to them). */
    void settle(List<Reserved> files);

    /** The file's pieces, in its order. */
    List<MailPiece> pieces(Reserved file);

    /** The file is written and checked: the pieces it held leave it, and it is marked done, in one transaction. */
    void done(Reserved file, PrintFile.Written written);

    /** Reserves the next file or files; false when nothing is left to print. */
    boolean reserve();

    /** Whether anything is left that {@link #reserve} would take (after a reservation that took nothing printable). */
    default boolean anyLeft() {
        return false;
    }

    /**
     * One unit of work: writes up to {@code atOnce} unfinished files side by side on
     * {@code writers} (or on this thread when null) and reports each to {@code written}; when
     * none is unfinished, reserves. True while there is more to do.
     */
    static boolean step(PrintQueue queue, LetterSetup letters, LetterContext context, ExecutorService writers, int atOnce,
            BiConsumer<Reserved, PrintFile.Written> written) throws Exception {
        List<Reserved> unfinished = queue.unfinished();
        if (!unfinished.isEmpty()) {
            List<Reserved> files = unfinished.subList(0, Math.min(Math.max(1, atOnce), unfinished.size()));
            queue.settle(files);
            List<Future<PrintFile.Written>> writing = new ArrayList<>();
            List<PrintFile.Written> done = new ArrayList<>();
            for (Reserved file : files) {
                List<MailPiece> pieces = queue.pieces(file);
                if (writers == null) {
                    done.add(PrintFile.write(file.directory(), file.name(), pieces, context, letters.afterRender()));
                } else {
                    writing.add(writers.submit(() -> PrintFile.write(file.directory(), file.name(), pieces, context,
                            letters.afterRender())));
                }
            }
            for (Future<PrintFile.Written> w : writing) {
                try {
                    done.add(w.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            for (int i = 0; i < files.size(); i++) {
                // held pieces leave the file in the same transaction that marks it done: a run killed before this
                // commit writes the file again, and the check holds the same pieces again
                queue.done(files.get(i), done.get(i));
                written.accept(files.get(i), done.get(i));
            }
            return true;
        }
        return queue.reserve() || queue.anyLeft();
    }
}
