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

    /** The features' counts are read once for all the gauges of a scrape, at most this often. */
    private static final long FRESH_MS = 5_000;

    private final JdbcTemplate jdbc;
    private final java.util.List<FeatureFacts> facts;
    private java.util.Map<String, Long> counts = java.util.Map.of();
    private long countedAt;

    public OfukuMetrics(JdbcTemplate jdbc, java.util.List<FeatureFacts> facts) {
        this.jdbc = jdbc;
        this.facts = facts;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        // each feature's own counts, as its store gives them to the status report
        count(registry, "ofuku.review.open", "pages waiting for a person", "review_items.open");
        count(registry, "ofuku.replies.accepted", "accepted replies", "replies.accepted");
        count(registry, "ofuku.bookings", "bookings (every dose)", "bookings.first", "bookings.next");
        count(registry, "ofuku.places.left", "places left in sessions still to come", "places.left");
        count(registry, "ofuku.files.quarantined", "files that could not be read", "received_files.quarantined");
        // the job repository's: the runs are run control's own
        gauge(registry, "ofuku.nightly.last.end", "when the last nightly run ended (seconds since the epoch; 0: never)",
                "SELECT coalesce(extract(epoch FROM max(e.end_time)), 0) FROM batch_job_execution e JOIN batch_job_instance i"
                        + " USING (job_instance_id) WHERE i.job_name = 'nightly'");
        gauge(registry, "ofuku.nightly.last.failed", "1 when the last nightly run did not complete",
                "SELECT coalesce((SELECT CASE WHEN e.status IN ('COMPLETED', 'STARTED', 'STARTING') THEN 0 ELSE 1 END"
                        + " FROM batch_job_execution e JOIN batch_job_instance i USING (job_instance_id) WHERE i.job_name = 'nightly'"
                        + " ORDER BY e.job_execution_id DESC LIMIT 1), 0)");
    }

    private void count(MeterRegistry registry, String name, String description, String... names) {
        Gauge.builder(name, this, m -> {
            try {
                java.util.Map<String, Long> now = m.counts();
                return java.util.Arrays.stream(names).mapToLong(k -> now.getOrDefault(k, 0L)).sum();
            } catch (RuntimeException unavailable) {
                return Double.NaN; // the database is not there: no value rather than a wrong one
            }
        }).description(description).register(registry);
    }

    /** Every feature's counts, read again when older than {@link #FRESH_MS}. */
    private synchronized java.util.Map<String, Long> counts() {
        if (System.currentTimeMillis() - countedAt > FRESH_MS) {
            counts = FeatureFacts.countsOf(facts);
            countedAt = System.currentTimeMillis();
        }
        return counts;
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
