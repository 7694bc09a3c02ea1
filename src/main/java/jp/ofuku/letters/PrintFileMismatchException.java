package jp.ofuku.letters;

/** A print file whose PDF, manifest and registry do not agree: it must not reach the printer. */
public class PrintFileMismatchException extends RuntimeException {
    public PrintFileMismatchException(String message) {
        super(message);
    }
}
