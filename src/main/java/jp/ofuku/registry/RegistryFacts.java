package jp.ofuku.registry;

import java.time.Clock;
import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import jp.ofuku.database.LocalNow;
import jp.ofuku.ops.FeatureFacts;

/** The registry's counts (residents by status, their changes, districts, sites, sessions and their places) and its sessions export. */
@Component
@Order(1)
public class RegistryFacts implements FeatureFacts {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public RegistryFacts(JdbcTemplate jdbc, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Long> counts() {
        return jp.ofuku.ops.FeatureFacts.countsOf(jdbc, """
                SELECT 'residents', count(*) FROM residents
                UNION ALL SELECT 'residents.active', count(*) FROM residents WHERE status = 'active'
                UNION ALL SELECT 'residents.moved_out', count(*) FROM residents WHERE status = 'moved_out'
                UNION ALL SELECT 'residents.deceased', count(*) FROM residents WHERE status = 'deceased'
                UNION ALL SELECT 'resident_changes', count(*) FROM resident_changes
                UNION ALL SELECT 'districts', count(*) FROM districts
                UNION ALL SELECT 'sites', count(*) FROM sites
                UNION ALL SELECT 'sessions', count(*) FROM sessions
                UNION ALL SELECT 'sessions.future', count(*) FROM sessions WHERE starts_at > %s
                UNION ALL SELECT 'sessions.capacity', coalesce(sum(capacity), 0) FROM sessions""".formatted(LocalNow.sql(clock)));
    }

    /** Every session, by start and site, with its places, bookings and whether it was cancelled (and why). */
    @Override
    public Map<String, Export> exports() {
        return Map.of("sessions", new Export("""
                SELECT s.site_code, to_char(s.starts_at, 'YYYY-MM-DD HH24:MI') AS start, to_char(s.ends_at, 'YYYY-MM-DD HH24:MI') AS end,
                       s.capacity, s.booked, s.vaccine, s.dose, coalesce(s.cancel_reason, '') AS cancelled
                FROM sessions s ORDER BY s.starts_at, s.site_code""",
                java.util.List.of("site_code", "start", "end", "capacity", "booked", "vaccine", "dose", "cancelled")));
    }
}
