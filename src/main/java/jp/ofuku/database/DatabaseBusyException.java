package jp.ofuku.database;

/** Another ofuku command owns the embedded database. */
public class DatabaseBusyException extends RuntimeException {
    public DatabaseBusyException(String message) {
        super(message);
    }
}
