package jp.ofuku.database;

/** Another ofuku command owns the embedded database. */
public class DatabaseBusyException extends jp.ofuku.ops.Refusal {
    public DatabaseBusyException(String message) {
        super(message);
    }

    /** Another command holds the database: wait for it, then run this one again. */
    @Override
    public int exitCode() {
        return 3;
    }
}
