package jp.ofuku.backup;

/** A backup or restore that cannot be done as asked; the message says why and what to do. Nothing was changed. */
public class BackupException extends jp.ofuku.ops.Refusal {

    BackupException(String message) {
        super(message);
    }
}
