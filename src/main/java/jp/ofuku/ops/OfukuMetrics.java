package jp.ofuku.ops;

import java.util.function.ToDoubleFunction;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * What an operator's dashboard graphs and alerts on, read from the database at each scrape
 * (/actuator/prometheus): pages waiting for review, replies, bookings, places left, and the
 * time and outcome of the last nightly run.
 */
@Component
public class OfukuMetrics implements MeterBinder {

    private final JdbcTemplate jdbc;

    public OfukuMetrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "ofuku.review.open", "pages waiting for a person", "SELECT count(*) FROM review_items WHERE resolved_at IS NULL");
        gauge(registry, "ofuku.replies.accepted", "accepted replies", "SELECT count(*) FROM replies WHERE status = 'accepted'");
        gauge(registry, "ofuku.bookings", "bookings (every dose)", "SELECT count(*) FROM bookings");
        gauge(registry, "ofuku.places.left", "places left in sessions still to come",
                "SELECT coalesce(sum(capacity - booked), 0) FROM sessions WHERE starts_at > localtimestamp AND cancelled_at IS NULL");
        gauge(registry, "ofuku.files.quarantined", "files that could not be read", "SELECT count(*) FROM received_files WHERE status = 'quarantined'");
        gauge(registry, "ofuku.nightly.last.end", "when the last nightly run ended (seconds since the epoch; 0: never)",
                "SELECT coalesce(extract(epoch FROM max(e.end_time)), 0) FROM batch_job_execution e JOIN batch_job_instance i"
                        + " USING (job_instance_id) WHERE i.job_name = 'nightly'");
        gauge(registry, "ofuku.nightly.last.failed", "1 when the last nightly run did not complete",
                "SELECT coalesce((SELECT CASE WHEN e.status IN ('COMPLETED', 'STARTED', 'STARTING') THEN 0 ELSE 1 END"
                        + " FROM batch_job_execution e JOIN batch_job_instance i USING (job_instance_id) WHERE i.job_name = 'nightly'"
                        + " ORDER BY e.job_execution_id DESC LIMIT 1), 0)");
    }

    private void gauge(MeterRegistry registry, String name, String description, String sql) {
        ToDoubleFunction<JdbcTemplate> read = j -> {
            try {
                Number n = j.queryForObject(sql, Number.class);
                return n == null ? 0 : n.doubleValue();
            } catch (RuntimeException unavailable) {
                return Double.NaN; // the database is not there: no value rather than a wrong one
            }
        };
        Gauge.builder(name, jdbc, read).description(description).register(registry);
    }
}
