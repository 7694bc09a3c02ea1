package jp.ofuku.booking;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import jp.ofuku.database.LocalNow;

/** One resident's bookings, confirmation letters, changes and attendance, as the console's resident page shows them. */
@Repository
public class BookingHistory {

    public record Booking(String wave, int dose, String siteCode, String siteName, LocalDateTime startsAt, OffsetDateTime bookedAt,
            String bookedBy, String attendance, boolean past) {
        // past: the session has begun (by ofuku's clock): attendance may be recorded, nothing moved
    }

    /** A change made at the desk (or by a closed session, a no-show), and its letter. */
    public record Change(OffsetDateTime at, String action, String reason, String detail, String by, String letter) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public BookingHistory(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<Booking> bookings(String residentId) {
        return jdbc.query("""
                SELECT b.wave, b.dose, s.site_code, si.name, s.starts_at, b.booked_at, b.booked_by, a.outcome
                FROM bookings b JOIN sessions s ON s.session_id = b.session_id JOIN sites si ON si.site_code = s.site_code
                LEFT JOIN attendance a ON a.booking_id = b.booking_id
                WHERE b.resident_id = ? ORDER BY b.wave, b.dose""",
                (rs, i) -> new Booking(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDateTime.class), rs.getObject(6, OffsetDateTime.class), rs.getString(7), rs.getString(8),
                        !rs.getObject(5, LocalDateTime.class).isAfter(LocalNow.of(clock))),
                residentId);
    }

    /** The confirmation letters, one line each: wave, print file and place in it. */
    public List<String> confirmations(String residentId) {
        return jdbc.queryForList("""
                SELECT wave || ': ' || print_file || ' #' || sequence || CASE WHEN printed_at IS NULL THEN ' (not yet printed)' ELSE '' END
                FROM confirmations WHERE resident_id = ? ORDER BY wave""", String.class, residentId);
    }

    /** Changes and attendance, newest first. */
    public List<Change> changes(String residentId) {
        return jdbc.query("""
                SELECT changed_at, action, coalesce(reason, ''), detail, changed_by,
                       CASE WHEN letter = 'none' THEN 'none' WHEN printed_at IS NOT NULL THEN 'printed' ELSE 'planned' END
                FROM booking_changes WHERE resident_id = ?
                UNION ALL
                SELECT a.recorded_at, a.outcome, '', 'dose ' || a.dose || ' at ' || s.site_code || ' '
                       || to_char(s.starts_at, 'YYYY-MM-DD HH24:MI'), a.recorded_by, 'none'
                FROM attendance a JOIN sessions s ON s.session_id = a.session_id WHERE a.resident_id = ?
                ORDER BY 1 DESC""", (rs, i) -> new Change(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6)), residentId, residentId);
    }
}
