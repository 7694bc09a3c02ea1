package jp.ofuku.registry;

/** A file with bad rows, refused whole; says how many and where the list of them is. */
public class ImportRejectedException extends jp.ofuku.ops.Refusal {
    public ImportRejectedException(String message) {
        super(message);
    }
}
