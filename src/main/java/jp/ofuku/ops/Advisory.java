package jp.ofuku.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * ofuku's PostgreSQL advisory locks, each space (what is locked) with its first key, so that no
 * two spaces share one. A lock held on a connection ({@link #tryLock}, {@link #lock}) lasts until
 * it is unlocked or the connection closes, which the server does when the process holding it
 * dies: that is how a later process tells a run that is dead from one that is slow
 * ({@link #isFree}). A transaction lock ({@link #holdForTransaction}) ends with the transaction.
 */
public enum Advisory {

    /** A nightly or a backup running ('on', key 0). */
    NIGHTLY(0x6f6e),
    /** A job execution owned by a live process ('of', the execution id). */
    RUN(0x6f66),
    /** A partition run by a live worker ('op', the step execution id). */
    PARTITION(0x6f70),
    /** Merges into one registry table taking turns ('om', the table's name hashed). */
    MERGE(0x6f6d),
    /** Invitation runs planning offers taking turns ('oi', key 1). */
    PLANNING(0x6f69),
    /** The pages answering one form decided one at a time, whichever file or worker they came in ('or', the form's digits). */
    REPLY(0x6f72);

    private final int space;

    Advisory(int space) {
        this.space = space;
    }

    /** Takes the lock on {@code connection} if no other session holds it; true when taken. */
    public boolean tryLock(Connection connection, long key) throws SQLException {
        return call(connection, "pg_try_advisory_lock", key);
    }

    /** Takes the lock on {@code connection}, waiting for a session that holds it. */
    public void lock(Connection connection, long key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
            ps.setInt(1, space);
            ps.setInt(2, (int) key);
            ps.execute();
        }
    }

    /** Lets the lock go (closing the connection does as well). */
    public void unlock(Connection connection, long key) throws SQLException {
        call(connection, "pg_advisory_unlock", key);
    }

    /** True when no live session holds the lock; {@code connection} holds it a moment to find out. */
    public boolean isFree(Connection connection, long key) throws SQLException {
        if (!tryLock(connection, key)) {
            return false;
        }
        unlock(connection, key);
        return true;
    }

    /** Takes the lock until the current transaction ends, waiting for one that holds it. */
    public void holdForTransaction(JdbcTemplate jdbc, long key) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(?, ?)", Object.class, space, (int) key);
    }

    private boolean call(Connection connection, String function, long key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + function + "(?, ?)")) {
            ps.setInt(1, space);
            ps.setInt(2, (int) key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
