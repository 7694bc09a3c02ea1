package jp.ofuku.ops;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Counts per table and the last job runs: what {@code status} shows. */
@Repository
public class StatusReport {

    private final JdbcTemplate jdbc;
    /** The features' stores, in the order of the status (the registry, letters, replies, bookings). */
    private final List<FeatureFacts> facts;

    public StatusReport(JdbcTemplate jdbc, List<FeatureFacts> facts) {
        this.jdbc = jdbc;
        this.facts = facts;
    }

    public Status read(int lastRuns) {
        // each feature counts its own tables
        Map<String, Long> counts = FeatureFacts.countsOf(facts);
        List<Run> runs = jdbc.query("""
                SELECT e.job_execution_id, i.job_name, e.status, e.start_time, e.end_time, e.exit_message
                FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                ORDER BY e.job_execution_id DESC LIMIT ?
                """, (rs, i) -> new Run(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getObject(4, LocalDateTime.class), rs.getObject(5, LocalDateTime.class), firstLine(rs.getString(6))),
                lastRuns);
        return new Status(counts, runs, archive());
    }

    /** How the database's WAL archiving goes (PostgreSQL's own account of it, since its last start). */
    private WalArchive archive() {
        String mode = jdbc.queryForObject("SELECT current_setting('archive_mode')", String.class);
        if ("off".equals(mode)) {
            return new WalArchive(false, null, null, false, null, null);
        }
        return jdbc.queryForObject("SELECT last_archived_wal, last_archived_time, last_failed_time > coalesce(last_archived_time,"
                + " '-infinity'), last_failed_wal, last_failed_time FROM pg_stat_archiver",
                (rs, i) -> new WalArchive(true, rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class),
                        rs.getBoolean(3), rs.getString(4), rs.getObject(5, java.time.OffsetDateTime.class)));
    }

    /** How long each step of a job execution took, by the step's short name. */
    public Map<String, java.time.Duration> stepTimes(long executionId) {
        Map<String, java.time.Duration> times = new LinkedHashMap<>();
        jdbc.query("SELECT step_name, start_time, end_time FROM batch_step_execution WHERE job_execution_id = ? "
                + "AND end_time IS NOT NULL ORDER BY step_execution_id", rs -> {
                    String name = rs.getString(1);
                    times.put(name.substring(name.lastIndexOf('.') + 1), java.time.Duration.between(
                            rs.getObject(2, LocalDateTime.class), rs.getObject(3, LocalDateTime.class)));
                }, executionId);
        return times;
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        // Spring Batch stores a failure as its stack trace: keep the message, not the exception's class name
        String line = message.lines().findFirst().orElse("").strip().replaceFirst("^([a-z][\\w$]*\\.)+[A-Z][\\w$]*: ", "");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    public record Status(Map<String, Long> counts, List<Run> runs, WalArchive walArchive) {
    }

    /**
     * WAL archiving: whether it is on, the last segment archived and when, and whether the last
     * attempt failed (the archive's disk full or gone: PostgreSQL keeps the WAL until it can).
     */
    public record WalArchive(boolean on, String lastArchived, java.time.OffsetDateTime lastArchivedAt, boolean failing,
            String lastFailed, java.time.OffsetDateTime lastFailedAt) {
    }

    public record Run(long executionId, String job, String status, LocalDateTime started, LocalDateTime ended,
            String message) {
    }
}
