package jp.ofuku.registry;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The problems found in a run's file, kept in import_problems until the run ends. */
@Repository
public class ProblemStore {

    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;

    public ProblemStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Buffers problems and writes them in batches. */
    Sink sink(long executionId) {
        return new Sink(executionId);
    }

    final class Sink {
        private final long executionId;
        private final List<Object[]> buffer = new ArrayList<>(BATCH);

        private Sink(long executionId) {
            this.executionId = executionId;
        }

        void add(Problem p) {
            buffer.add(new Object[] {executionId, p.line(), p.column(), p.reason()});
            if (buffer.size() >= BATCH) {
                flush();
            }
        }

        void flush() {
            if (!buffer.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO import_problems (execution_id, line, column_name, reason) VALUES (?, ?, ?, ?)",
                        buffer);
                buffer.clear();
            }
        }
    }

    /** Adds the problems a cross-row query finds; every {@code ?} in it is the execution id. */
    int addFromQuery(long executionId, String query) {
        int parameters = (int) query.chars().filter(c -> c == '?').count();
        Object[] args = new Object[parameters + 1];
        java.util.Arrays.fill(args, executionId);
        return jdbc.update("INSERT INTO import_problems (execution_id, line, column_name, reason) "
                + "SELECT ?, line, column_name, reason FROM (" + query + ") found", args);
    }

    long rowsWithProblems(long executionId) {
        return jdbc.queryForObject("SELECT count(DISTINCT line) FROM import_problems WHERE execution_id = ?", Long.class,
                executionId);
    }

    /** The first problems by line, for the summary. */
    List<Problem> first(long executionId, int limit) {
        return jdbc.query("""
                SELECT line, column_name, reason FROM import_problems WHERE execution_id = ?
                ORDER BY line, column_name LIMIT ?
                """, (rs, i) -> new Problem(rs.getLong(1), rs.getString(2), rs.getString(3)), executionId, limit);
    }

    /** Removes the scratch rows of a run: its problems and its staged rows. */
    void discard(long executionId, List<String> stagingTables) {
        jdbc.update("DELETE FROM import_problems WHERE execution_id = ?", executionId);
        for (String table : stagingTables) {
            jdbc.update("DELETE FROM " + table + " WHERE execution_id = ?", executionId);
        }
    }
}
