package jp.ofuku.scan;

/** A received file that cannot be decoded: it goes to quarantine with this reason, and the run goes on. */
public class UnreadableFileException extends Exception {
    public UnreadableFileException(String reason) {
        super(reason);
    }

    public UnreadableFileException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
