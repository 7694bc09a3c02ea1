package jp.ofuku.replies;

/**
 * The counts a read run keeps in its execution context, by name: written by the read step, read
 * by the commands, the nightly's summary and report. Pages are also counted by their
 * {@link PageVerdict.Outcome} (its {@code key()}).
 */
public final class ReadRun {

    private ReadRun() {
    }

    /** Files read this run. */
    public static final String FILES = "files";
    /** Pages of those files. */
    public static final String PAGES = "pages";
    /** Files read by an earlier run (the same bytes), left alone. */
    public static final String SEEN = "seen";
    /** Files that could not be read at all, moved to quarantine with why. */
    public static final String QUARANTINED = "quarantined";
    /** Files still being written while read, left in the inbox for the next run. */
    public static final String CHANGING = "changing";

    /** Pages by what they became. */
    public static final String REPLY = PageVerdict.Outcome.REPLY.key();
    public static final String DUPLICATE = PageVerdict.Outcome.DUPLICATE.key();
    public static final String REVIEW = PageVerdict.Outcome.REVIEW.key();
    public static final String BLANK = PageVerdict.Outcome.BLANK.key();
    public static final String RETURNED = PageVerdict.Outcome.RETURNED.key();
}
