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

    public StatusReport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Status read(int lastRuns) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("""
                SELECT 'residents', count(*) FROM residents
                UNION ALL SELECT 'residents.active', count(*) FROM residents WHERE status = 'active'
                UNION ALL SELECT 'residents.moved_out', count(*) FROM residents WHERE status = 'moved_out'
                UNION ALL SELECT 'residents.deceased', count(*) FROM residents WHERE status = 'deceased'
                UNION ALL SELECT 'resident_changes', count(*) FROM resident_changes
                UNION ALL SELECT 'districts', count(*) FROM districts
                UNION ALL SELECT 'sites', count(*) FROM sites
                UNION ALL SELECT 'sessions', count(*) FROM sessions
                UNION ALL SELECT 'sessions.future', count(*) FROM sessions WHERE starts_at > localtimestamp
                UNION ALL SELECT 'sessions.capacity', coalesce(sum(capacity), 0) FROM sessions
                UNION ALL SELECT 'invitations', count(*) FROM invitations
                UNION ALL SELECT 'invitations.printed', count(*) FROM invitations WHERE status = 'printed'
                UNION ALL SELECT 'invitations.planned', count(*) FROM invitations WHERE status = 'planned'
                UNION ALL SELECT 'invitations.exception', count(*) FROM invitations WHERE status = 'exception'
                UNION ALL SELECT 'print_files', count(*) FROM print_files WHERE status = 'done'
                UNION ALL SELECT 'received_files', count(*) FROM received_files WHERE status = 'read'
                UNION ALL SELECT 'received_files.quarantined', count(*) FROM received_files WHERE status = 'quarantined'
                UNION ALL SELECT 'replies.accepted', count(*) FROM replies WHERE status = 'accepted'
                UNION ALL SELECT 'replies.superseded', count(*) FROM replies WHERE status = 'superseded'
                UNION ALL SELECT 'review_items.open', count(*) FROM review_items WHERE resolved_at IS NULL
                UNION ALL SELECT 'bookings.first', count(*) FROM bookings WHERE dose = 1
                UNION ALL SELECT 'bookings.next', count(*) FROM bookings WHERE dose > 1
                UNION ALL SELECT 'allocations.waiting', count(*) FROM allocations a JOIN replies r ON r.reply_id = a.reply_id
                    WHERE a.outcome IN ('unplaced', 'other_dates')
                      AND NOT EXISTS (SELECT 1 FROM invitations n WHERE n.replaces = r.form_code)
                UNION ALL SELECT 'declines', count(*) FROM declines
                UNION ALL SELECT 'confirmations.printed', count(*) FROM confirmations WHERE printed_at IS NOT NULL
                """, rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        List<Run> runs = jdbc.query("""
                SELECT e.job_execution_id, i.job_name, e.status, e.start_time, e.end_time, e.exit_message
                FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                ORDER BY e.job_execution_id DESC LIMIT ?
                """, (rs, i) -> new Run(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getObject(4, LocalDateTime.class), rs.getObject(5, LocalDateTime.class), firstLine(rs.getString(6))),
                lastRuns);
        return new Status(counts, runs);
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

    public record Status(Map<String, Long> counts, List<Run> runs) {
    }

    public record Run(long executionId, String job, String status, LocalDateTime started, LocalDateTime ended,
            String message) {
    }
}
