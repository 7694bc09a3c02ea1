package jp.ofuku.booking;

/** The counts a confirm run keeps in its execution context, by name (written by the step, read by commands and reports). */
public final class ConfirmRun {

    private ConfirmRun() {
    }

    /** Confirmation letters printed. */
    public static final String LETTERS = "letters";
    /** Change letters printed (the desk's, a closed session's). */
    public static final String CHANGE_LETTERS = "change_letters";
    /** Print files written. */
    public static final String FILES = "files";
    /** Letters held back from the printer, with why. */
    public static final String HELD = "held";
}
