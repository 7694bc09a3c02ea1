package jp.ofuku.registry;

/** A file that cannot be imported at all (encoding, header, My Number), with what to do about it. */
public class ImportRefusedException extends jp.ofuku.ops.Refusal {
    public ImportRefusedException(String message) {
        super(message);
    }
}
