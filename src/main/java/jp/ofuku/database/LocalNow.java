package jp.ofuku.database;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * "Now" for SQL that compares with session times (local timestamps in ofuku's zone): taken from
 * the injected clock, never from the database server's own {@code localtimestamp}, whose zone is
 * the connection's and whose day is the host's.
 */
public final class LocalNow {

    private LocalNow() {
    }

    /** The clock's local date and time, to the microsecond PostgreSQL keeps. */
    public static LocalDateTime of(Clock clock) {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    /** The same as a SQL literal, for statements that take no parameters (COPY, a shared fragment). */
    public static String sql(Clock clock) {
        return "TIMESTAMP '" + of(clock) + "'";
    }
}
