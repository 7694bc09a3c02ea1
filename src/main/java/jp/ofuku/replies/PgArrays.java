package jp.ofuku.replies;

import java.sql.Array;
import java.sql.Connection;
import java.util.Collection;

import org.springframework.jdbc.core.JdbcTemplate;

/** PostgreSQL arrays for the replies' option and extra columns. */
final class PgArrays {

    private PgArrays() {
    }

    static Array ints(JdbcTemplate jdbc, Collection<Integer> values) {
        return jdbc.execute((Connection c) -> c.createArrayOf("integer", values.toArray()));
    }

    static Array texts(JdbcTemplate jdbc, Collection<String> values) {
        return jdbc.execute((Connection c) -> c.createArrayOf("text", values.toArray()));
    }
}
