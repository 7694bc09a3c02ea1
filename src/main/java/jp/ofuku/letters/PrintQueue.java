package jp.ofuku.letters;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The one protocol every kind of letter is printed by (invitations, new-dates letters,
 * confirmations, change letters), so that a run killed at any moment prints no letter twice:
 * pieces are first reserved for named print files (committed, by one process); then a worker
 * claims one file (its row locked, {@code FOR UPDATE SKIP LOCKED}: no other worker can take
 * it), writes it, checks it page by page against its manifest, renames it into place and marks
 * it done with the pieces the check held back, all in the claim's transaction. A worker killed
 * while writing leaves the file reserved, unlocked, to be written again — same name, same
 * pieces — by whoever claims it next. Each kind of letter says where its files and pieces are
 * kept; {@link PrintSteps} makes the steps.
 */
public interface PrintQueue {

    /** A print file reserved and not yet done: its name and the folder it goes to. */
    record Reserved(String name, Path directory) {
    }

    /** Files reserved and not yet done, in name order as the database's "C" collation sorts them. */
    List<Reserved> unfinished();

    /**
     * The first file reserved and not yet done named from {@code first} to {@code last} (in
     * "C" order) that no other transaction holds, its row locked until this transaction ends;
     * empty when there is none.
     */
    Optional<Reserved> claim(String first, String last);

    /** Before the claimed file is written: pieces of residents who since left the registry leave it (no letter to them). */
    void settle(Reserved file);

    /** The file's pieces, in its order. */
    List<MailPiece> pieces(Reserved file);

    /** The file is written and checked: the pieces it held leave it, and it is marked done, in the claim's transaction. */
    void done(Reserved file, PrintFile.Written written);

    /** Reserves the next file or files; false when nothing is left to print. */
    boolean reserve();

    /** Whether anything is left that {@link #reserve} would take (after a reservation that took nothing printable). */
    default boolean anyLeft() {
        return false;
    }
}
