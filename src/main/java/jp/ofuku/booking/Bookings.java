package jp.ofuku.booking;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import jp.ofuku.database.LocalNow;

/**
 * The bookings table, one resident's booking at a time: what the phone desk, attendance, a
 * closed session and the registry's departures read, lock, move, add and cancel. A cancelled
 * booking is kept in {@code cancelled_bookings} with why. The matching's bulk writes are
 * {@link AllocationStore}'s; letters and views read bookings joined to what they print
 * ({@link ConfirmStore}, {@link ChangeLetterStore}, {@link BookingHistory}, {@link BookingFacts}).
 * Other features ask here, or use the conditions below inside their own statements.
 */
@Repository
public class Bookings {

    /** SQL: resident {@code r.resident_id} is booked in the wave given as the statement's next parameter. */
    public static final String BOOKED_IN_WAVE = "EXISTS (SELECT 1 FROM bookings b WHERE b.wave = ? AND b.resident_id = r.resident_id)";

    /** SQL: the resident of invitation {@code i} is booked in its wave. */
    public static final String INVITATION_BOOKED = "EXISTS (SELECT 1 FROM bookings b WHERE b.wave = i.wave AND b.resident_id = i.resident_id)";

    /** SQL: resident {@code r.resident_id} has a booking of a session still to come (by the clock). */
    String bookedAhead() {
        return """
                EXISTS (SELECT 1 FROM bookings b JOIN sessions s USING (session_id)
                        WHERE b.resident_id = r.resident_id AND s.starts_at > %s)""".formatted(LocalNow.sql(clock));
    }

    /** SQL, from {@code bookings b}: a first dose booked from a reply, whose resident has had no confirmation for it. */
    static final String CONFIRMATION_OWED = """
            b.dose = 1 AND b.reply_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM confirmations c WHERE c.wave = b.wave AND c.resident_id = b.resident_id)""";

    private static final String DESCRIBED = "s.site_code || ' ' || to_char(s.starts_at, 'YYYY-MM-DD HH24:MI')";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public Bookings(JdbcTemplate jdbc, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** A booking as the desk shows it. */
    public record Booked(String wave, int dose, long sessionId, String siteCode, LocalDateTime start, String vaccine) {
    }

    /** The resident's bookings, every wave, by dose. */
    public List<Booked> of(String resident) {
        return jdbc.query("""
                SELECT b.wave, b.dose, s.session_id, s.site_code, s.starts_at, s.vaccine FROM bookings b
                JOIN sessions s ON s.session_id = b.session_id WHERE b.resident_id = ? ORDER BY b.wave, b.dose""",
                (rs, i) -> new Booked(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4),
                        rs.getObject(5, LocalDateTime.class), rs.getString(6)), resident);
    }

    /** The waves the resident is booked in ({@code wave} only, when given), in order. */
    List<String> waves(String resident, String wave) {
        return jdbc.queryForList("SELECT DISTINCT wave FROM bookings WHERE resident_id = ? AND (?::text IS NULL OR wave = ?) ORDER BY wave",
                String.class, resident, wave, wave);
    }

    /** Whether the resident has a first dose booked in the wave. */
    boolean hasFirstDose(String wave, String resident) {
        return !jdbc.queryForList("SELECT 1 FROM bookings WHERE wave = ? AND resident_id = ? AND dose = 1", wave, resident).isEmpty();
    }

    /** The reply the booking was made from; empty for a booking made by telephone (or none). */
    Optional<Long> replyOf(String wave, String resident, int dose) {
        return Optional.ofNullable(jdbc.query("SELECT reply_id FROM bookings WHERE wave = ? AND resident_id = ? AND dose = ?",
                rs -> rs.next() ? rs.getObject(1, Long.class) : null, wave, resident, dose));
    }

    /** The sessions the resident is (or was, attendance recorded) booked at for {@code dose}, in {@code wave} when given. */
    List<Long> sessionsOfDose(String resident, int dose, String wave) {
        return jdbc.queryForList("""
                SELECT b.session_id FROM bookings b WHERE b.resident_id = ? AND b.dose = ? AND (?::text IS NULL OR b.wave = ?)
                UNION SELECT a.session_id FROM attendance a WHERE a.resident_id = ? AND a.dose = ? AND (?::text IS NULL OR a.wave = ?)""",
                Long.class, resident, dose, wave, wave, resident, dose, wave, wave);
    }

    /** The booking's session, described, its row locked until the transaction ends; empty when there is none. */
    Optional<String> lockDose(String wave, String resident, int dose) {
        return jdbc.queryForList("SELECT " + DESCRIBED + """
                 FROM bookings b JOIN sessions s ON s.session_id = b.session_id
                WHERE b.wave = ? AND b.resident_id = ? AND b.dose = ? FOR UPDATE OF b""", String.class, wave, resident, dose)
                .stream().findFirst();
    }

    /** The resident's bookings of {@code dose} and later doses, described ("dose 2 at S01 …"), locked until the transaction ends. */
    List<String> lockFromDose(String wave, String resident, int dose) {
        return jdbc.queryForList("SELECT 'dose ' || b.dose || ' at ' || " + DESCRIBED + """
                 FROM bookings b JOIN sessions s ON s.session_id = b.session_id
                WHERE b.wave = ? AND b.resident_id = ? AND b.dose >= ? ORDER BY b.dose FOR UPDATE OF b""", String.class,
                wave, resident, dose);
    }

    /** A booking whose attendance is recorded, as read (and locked) for it. */
    record Attending(long bookingId, String wave, int dose, Long replyId, boolean begun) {
    }

    /** The resident's booking at {@code session}, locked until the transaction ends; empty when there is none. */
    Optional<Attending> lockAt(String resident, long session) {
        return jdbc.query("""
                SELECT b.booking_id, b.wave, b.dose, b.reply_id, s.starts_at <= ? FROM bookings b
                JOIN sessions s ON s.session_id = b.session_id WHERE b.resident_id = ? AND b.session_id = ? FOR UPDATE OF b""",
                (rs, i) -> new Attending(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getObject(4, Long.class), rs.getBoolean(5)),
                LocalNow.of(clock), resident, session).stream().findFirst();
    }

    /** A booking of a session: whose, in which wave, which dose. */
    record AtSession(String residentId, String wave, int dose) {
    }

    /** The session's bookings, earlier doses first, then in the order they were made; locked until the transaction ends. */
    List<AtSession> lockAtSession(long session) {
        return jdbc.query("""
                SELECT b.resident_id, b.wave, b.dose FROM bookings b WHERE b.session_id = ?
                ORDER BY b.dose, b.booked_at, b.resident_id FOR UPDATE""",
                (rs, i) -> new AtSession(rs.getString(1), rs.getString(2), rs.getInt(3)), session);
    }

    /** The session's bookings made after its first {@code capacity} (in the order made), locked until the transaction ends. */
    List<AtSession> lockBeyond(long session, int capacity) {
        return jdbc.query("""
                SELECT b.resident_id, b.wave, b.dose FROM bookings b WHERE b.session_id = ?
                ORDER BY b.booked_at, b.booking_id OFFSET ? FOR UPDATE""",
                (rs, i) -> new AtSession(rs.getString(1), rs.getString(2), rs.getInt(3)), session, capacity);
    }

    /** The vaccine of the resident's first booked dose (in {@code wave} when given), or null when not booked. */
    String vaccineOf(String resident, String wave) {
        return jdbc.query("""
                SELECT s.vaccine FROM bookings b JOIN sessions s ON s.session_id = b.session_id
                WHERE b.resident_id = ? AND (?::text IS NULL OR b.wave = ?) ORDER BY b.dose LIMIT 1""",
                rs -> rs.next() ? rs.getString(1) : null, resident, wave, wave);
    }

    /** A session with room that a booking could move to, nearest the resident first, then earliest. */
    public record Option(long sessionId, String siteCode, String siteName, LocalDateTime start, int room, double km) {
    }

    /**
     * Sessions with room for the resident's dose {@code dose} of {@code vaccine} (any, when null):
     * still to come, at least {@code interval} days after the dose booked before and before the
     * dose booked after, not one the resident is booked at; nearest first, then earliest.
     */
    List<Option> options(String resident, String wave, int dose, String vaccine, int interval, int limit) {
        return jdbc.query("""
                WITH me AS (SELECT d.lat, d.lon FROM residents r JOIN districts d ON d.district = r.district WHERE r.resident_id = ?),
                     around AS (SELECT max(s.starts_at) FILTER (WHERE b.dose < ?) AS before,
                                       min(s.starts_at) FILTER (WHERE b.dose > ?) AS after
                                FROM bookings b JOIN sessions s ON s.session_id = b.session_id
                                WHERE b.resident_id = ? AND (?::text IS NULL OR b.wave = ?))
                SELECT * FROM (
                SELECT s.session_id, s.site_code, t.name, s.starts_at, s.capacity - s.booked AS room,
                       coalesce(111.2 * sqrt(power(t.lat - me.lat, 2) + power((t.lon - me.lon) * cos(radians(me.lat)), 2)), 0) AS km
                FROM sessions s JOIN sites t ON t.site_code = s.site_code LEFT JOIN me ON true, around
                WHERE s.starts_at > ? AND s.booked < s.capacity AND s.cancelled_at IS NULL AND s.dose = ?
                  AND (?::text IS NULL OR s.vaccine = ?)
                  AND (around.before IS NULL OR s.starts_at >= around.before + make_interval(days => ?))
                  AND (around.after IS NULL OR s.starts_at <= around.after - make_interval(days => ?))
                  AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.resident_id = ? AND b.session_id = s.session_id)
                ) o ORDER BY round(o.km::numeric, 0), o.starts_at, o.site_code LIMIT ?""",
                (rs, i) -> new Option(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDateTime.class),
                        rs.getInt(5), rs.getDouble(6)),
                resident, dose, dose, resident, wave, wave, LocalNow.of(clock), dose, vaccine, vaccine, interval, interval, resident, limit);
    }

    /** Moves the booking to {@code session}; the number of rows moved (one), or {@link PlaceTaken} when the session is full. */
    int move(String wave, String resident, int dose, long session) {
        return placeTaken(() -> jdbc.update("UPDATE bookings SET session_id = ? WHERE wave = ? AND resident_id = ? AND dose = ?",
                session, wave, resident, dose), session);
    }

    /** Books a first dose at {@code session} (for a form, or none); the rows added (one), or {@link PlaceTaken} when full. */
    int bookFirstDose(String wave, String resident, String formCode, long session, String bookedBy) {
        return placeTaken(() -> jdbc.update("""
                INSERT INTO bookings (wave, resident_id, form_code, session_id, dose, booked_by) VALUES (?, ?, ?, ?, 1, ?)""",
                wave, resident, formCode, session, bookedBy), session);
    }

    /**
     * Cancels the resident's booking of {@code dose} and the later doses, kept in
     * {@code cancelled_bookings} with {@code reason}; the places are free when the transaction
     * commits. Returns how many were cancelled.
     */
    int cancelFromDose(String wave, String resident, int dose, String reason, String by) {
        return jdbc.update("""
                WITH gone AS (DELETE FROM bookings WHERE wave = ? AND resident_id = ? AND dose >= ? RETURNING *)
                INSERT INTO cancelled_bookings (booking_id, wave, resident_id, form_code, session_id, dose, reply_id, booked_at,
                                                booked_by, cancelled_by, reason)
                SELECT booking_id, wave, resident_id, form_code, session_id, dose, reply_id, booked_at, booked_by, ?, ?
                FROM gone""", wave, resident, dose, by, reason);
    }

    /** Cancels every booking of a session still to come held by a resident the registry says is not active (the reason: their status). */
    int cancelOfDeparted(String by) {
        return jdbc.update("""
                WITH gone AS (
                    DELETE FROM bookings b USING residents r, sessions s
                    WHERE r.resident_id = b.resident_id AND r.status <> 'active'
                      AND s.session_id = b.session_id AND s.starts_at > ?
                    RETURNING b.*, r.status AS reason)
                INSERT INTO cancelled_bookings (booking_id, wave, resident_id, form_code, session_id, dose, reply_id, booked_at,
                                                booked_by, cancelled_by, reason)
                SELECT booking_id, wave, resident_id, form_code, session_id, dose, reply_id, booked_at, booked_by, ?, reason
                FROM gone""", LocalNow.of(clock), by);
    }

    /** Booked residents' ids in {@code wave}: first doses from replies, of sessions starting after {@code after}; at most {@code limit}. */
    public List<String> bookedFromReplies(String wave, LocalDateTime after, int limit) {
        return jdbc.queryForList("""
                SELECT b.resident_id FROM bookings b JOIN sessions s ON s.session_id = b.session_id
                WHERE b.wave = ? AND b.dose = 1 AND b.reply_id IS NOT NULL AND s.starts_at > ?
                ORDER BY b.resident_id LIMIT ?""", String.class, wave, after, limit);
    }

    /** The session, described as the desk and the letters name it: site code, date and time. */
    String describe(long session) {
        return jdbc.queryForObject("SELECT " + DESCRIBED + " FROM sessions s WHERE s.session_id = ?", String.class, session);
    }

    /** The database refused a booking for want of room: the CHECK on the session's count (SQL state 23514). */
    static class PlaceTaken extends BookingDesk.Refused {
        PlaceTaken(long session) {
            super("session " + session + " filled up a moment ago: choose another (scripts/ofuku booking options)");
        }
    }

    private static int placeTaken(java.util.function.IntSupplier statement, long session) {
        try {
            return statement.getAsInt();
        } catch (DataIntegrityViolationException e) {
            if (e.getMostSpecificCause() instanceof java.sql.SQLException sql && "23514".equals(sql.getSQLState())) {
                throw new PlaceTaken(session);
            }
            throw e;
        }
    }
}
