package jp.ofuku.registry;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One kind of registry file (residents, districts, sites, sessions): its columns, how a row
 * is checked and staged, what is checked across rows, and how staged rows are merged.
 */
public interface RegistryKind {

    /** As on the command line: residents, districts, sites, sessions. */
    String name();

    /** Columns the header must have. */
    List<String> requiredColumns();

    /** Columns read when present. */
    default List<String> optionalColumns() {
        return List.of();
    }

    String stagingTable();

    /** Staging columns in COPY order, after execution_id and line. */
    List<String> stagingColumns();

    /**
     * Checks one row and returns its staging values in COPY order ({@code null} for SQL NULL).
     * The values are only used when {@code row.ok()}.
     */
    String[] stage(RowCheck row);

    /**
     * Queries over the staged rows of one run returning {@code line, column_name, reason} for
     * problems that need more than one row to see (duplicates, unknown references). Every
     * {@code ?} is the execution id.
     */
    List<String> crossRowChecks();

    /** The cross-row checks of a run that may move bookings off sessions whose capacity it lowers. */
    default List<String> crossRowChecks(boolean moveSurplus) {
        return crossRowChecks();
    }

    /** Merges the run's staged rows into the registry. Runs in one transaction. */
    MergeCounts merge(JdbcTemplate jdbc, long executionId);

    /** The same, for a run that may move bookings off sessions whose capacity it lowers. */
    default MergeCounts merge(JdbcTemplate jdbc, long executionId, boolean moveSurplus) {
        return merge(jdbc, executionId);
    }
}
