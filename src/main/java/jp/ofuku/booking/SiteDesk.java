package jp.ofuku.booking;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import jp.ofuku.database.LocalNow;

/** Sessions as the site desk sees them: still to come, open, with their places and bookings. */
@Service
public class SiteDesk {

    /** A session still to come. */
    public record Session(long id, String siteCode, String siteName, LocalDateTime start, String vaccine, int dose, int capacity,
            int booked) {
    }

    /** Sessions listed at most, per page. */
    public static final int PAGE = 100;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SiteDesk(JdbcTemplate jdbc, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** Open sessions still to come from {@code from}, at one site (or every one for ""), earliest first. */
    public List<Session> upcoming(String site, LocalDate from) {
        return jdbc.query("""
                SELECT s.session_id, s.site_code, t.name, s.starts_at, s.vaccine, s.dose, s.capacity, s.booked
                FROM sessions s JOIN sites t ON t.site_code = s.site_code
                WHERE s.cancelled_at IS NULL AND s.starts_at > ? AND s.starts_at >= ? AND (? = '' OR s.site_code = ?)
                ORDER BY s.starts_at, s.site_code LIMIT ?""", (rs, i) -> new Session(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getObject(4, LocalDateTime.class), rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getInt(8)),
                LocalNow.of(clock), from.atStartOfDay(), site, site, PAGE);
    }

    /** Places at one site, in its sessions still to come. */
    public record SitePlaces(String siteCode, String name, long sessions, long capacity, long booked) {
        public long left() {
            return capacity - booked;
        }

        public int percentBooked() {
            return capacity == 0 ? 0 : (int) Math.round(100.0 * booked / capacity);
        }
    }

    /** Sessions still to come, per site: places and bookings. */
    public List<SitePlaces> places() {
        return jdbc.query("""
                SELECT s.site_code, si.name, count(*), sum(s.capacity), sum(s.booked)
                FROM sessions s JOIN sites si ON si.site_code = s.site_code
                WHERE s.starts_at > ? AND s.cancelled_at IS NULL GROUP BY s.site_code, si.name ORDER BY s.site_code""",
                (rs, i) -> new SitePlaces(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)), LocalNow.of(clock));
    }

    /** Places on one day: booked and left, in its open sessions. */
    public record DayPlaces(LocalDate day, long booked, long left) {
    }

    /** The four weeks from the first session day after {@code after}, day by day. */
    public List<DayPlaces> fourWeeksAfter(LocalDate after) {
        return jdbc.query("""
                WITH first AS (SELECT min(starts_at::date) AS day FROM sessions WHERE starts_at::date > ?)
                SELECT starts_at::date, sum(booked), sum(capacity - booked) FROM sessions, first
                WHERE cancelled_at IS NULL AND starts_at::date >= first.day AND starts_at::date < first.day + 28 GROUP BY 1 ORDER BY 1""",
                (rs, i) -> new DayPlaces(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3)), after);
    }

    /** The site codes, in order. */
    public List<String> sites() {
        return jdbc.queryForList("SELECT site_code FROM sites ORDER BY site_code", String.class);
    }

    /** A session by its id: its site and start, which name it on the command line. */
    public Optional<Session> find(long id) {
        return jdbc.query("""
                SELECT s.session_id, s.site_code, t.name, s.starts_at, s.vaccine, s.dose, s.capacity, s.booked
                FROM sessions s JOIN sites t ON t.site_code = s.site_code WHERE s.session_id = ?""",
                (rs, i) -> new Session(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDateTime.class),
                        rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getInt(8)), id).stream().findFirst();
    }

    /** The session starting at {@code start} at the site, if any. */
    public Optional<Long> sessionAt(String site, LocalDateTime start) {
        return jdbc.queryForList("SELECT session_id FROM sessions WHERE site_code = ? AND starts_at = ?", Long.class, site, start)
                .stream().findFirst();
    }

    /** A session about to be closed, as read for it. */
    record Closing(long id, String described, boolean cancelled, boolean begun) {
    }

    /** The session at the site starting at {@code start}, its row locked until the transaction ends (a move into it waits). */
    Optional<Closing> lockAt(String site, LocalDateTime start) {
        return jdbc.query("""
                SELECT session_id, site_code || ' ' || to_char(starts_at, 'YYYY-MM-DD HH24:MI'), cancelled_at IS NOT NULL,
                       starts_at <= ?
                FROM sessions WHERE site_code = ? AND starts_at = ? FOR UPDATE""",
                (rs, i) -> new Closing(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)), LocalNow.of(clock), site, start)
                .stream().findFirst();
    }

    /** Closes the session: nobody is booked into it any more. */
    void close(long session, String why) {
        jdbc.update("UPDATE sessions SET cancelled_at = now(), cancel_reason = ?, updated_at = now() WHERE session_id = ?", why, session);
    }
}
