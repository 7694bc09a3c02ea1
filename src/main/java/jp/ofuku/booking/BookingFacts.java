package jp.ofuku.booking;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import jp.ofuku.database.LocalNow;
import jp.ofuku.ops.FeatureFacts;

/** The bookings' counts and export, for the status report, the dashboard and {@code export bookings}. */
@Component
@Order(4)
public class BookingFacts implements FeatureFacts {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public BookingFacts(JdbcTemplate jdbc, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Long> counts() {
        return jp.ofuku.ops.FeatureFacts.countsOf(jdbc, """
                SELECT 'bookings.first', count(*) FROM bookings WHERE dose = 1
                UNION ALL SELECT 'bookings.next', count(*) FROM bookings WHERE dose > 1
                UNION ALL SELECT 'allocations.waiting', count(*) FROM allocations a JOIN replies r ON r.reply_id = a.reply_id
                    WHERE a.outcome IN ('unplaced', 'other_dates')
                      AND NOT EXISTS (SELECT 1 FROM invitations n WHERE n.replaces = r.form_code)
                UNION ALL SELECT 'declines', count(*) FROM declines
                UNION ALL SELECT 'confirmations.printed', count(*) FROM confirmations WHERE printed_at IS NOT NULL
                UNION ALL SELECT 'places.left', coalesce(sum(capacity - booked), 0) FROM sessions
                    WHERE starts_at > %s AND cancelled_at IS NULL
                UNION ALL SELECT 'confirmations.held', count(*) FROM confirmations WHERE exception IS NOT NULL
                UNION ALL SELECT 'bookings.cancelled_left_last_day', count(*) FROM cancelled_bookings
                    WHERE reason IN ('deceased', 'moved_out') AND cancelled_at > now() - interval '24 hours'""".formatted(LocalNow.sql(clock)));
    }

    /**
     * Every booking, cancelled ones too, by session: {@code status} (booked, cancelled, attended,
     * no_show) last, so that readers of the first six columns are unchanged.
     */
    @Override
    public Map<String, Export> exports() {
        return Map.of("bookings", new Export("""
                SELECT b.resident_id, coalesce(b.form_code, '') AS form_code, s.site_code,
                       to_char(s.starts_at, 'YYYY-MM-DD"T"HH24:MI') AS session_start, b.dose,
                       to_char(b.booked_at, 'YYYY-MM-DD"T"HH24:MI:SSOF') AS booked_at, b.status
                FROM (SELECT k.resident_id, k.form_code, k.session_id, k.dose, k.booked_at,
                             CASE WHEN a.outcome = 'attended' THEN 'attended' ELSE 'booked' END AS status
                      FROM bookings k LEFT JOIN attendance a ON a.booking_id = k.booking_id
                      UNION ALL
                      SELECT resident_id, form_code, session_id, dose, booked_at,
                             CASE WHEN reason = 'no_show' THEN 'no_show' ELSE 'cancelled' END FROM cancelled_bookings) b
                JOIN sessions s ON s.session_id = b.session_id
                ORDER BY s.starts_at, s.site_code, b.resident_id, b.dose, b.status""",
                List.of("resident_id", "form_code", "site_code", "session_start", "dose", "booked_at", "status")));
    }
}
