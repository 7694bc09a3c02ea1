package jp.ofuku.booking;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.ofuku.ops.Audit;

/**
 * The phone desk's changes to one resident's bookings, each in one transaction with its audit
 * entry and the change letter it queues. Capacity stays the database's: a cancelled booking's
 * place is free when the transaction commits.
 */
@Service
public class BookingDesk {

    /** Why a booking is cancelled, as an operator records it. */
    public static final Set<String> REASONS = Set.of("asked", "ill", "deceased", "moved", "other");

    /** The reason recorded when a supervisor closed the session: not one an operator gives. */
    public static final String SESSION_CANCELLED = "session_cancelled";

    /** The reason recorded when a sessions import lowered the capacity below the bookings (--move-surplus). */
    public static final String CAPACITY_LOWERED = "capacity_lowered";

    /** Sessions offered for a move or a telephone booking, at most. */
    static final int OPTIONS = 12;

    private final JdbcTemplate jdbc;
    private final Audit audit;
    private final AllocateProperties allocate;

    public BookingDesk(JdbcTemplate jdbc, Audit audit, AllocateProperties allocate) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.allocate = allocate;
    }

    /** A session with room that a booking could move to, nearest the resident first, then earliest. */
    public record Option(long sessionId, String siteCode, String siteName, java.time.LocalDateTime start, int room, double km) {
    }

    /** A resident a search found. */
    public record Found(String id, String name, String nameKana, String address, String status) {
    }

    /** Residents found at the desk, at most this many. */
    public static final int FOUND = 50;

    /**
     * Residents whose name, kana or Latin name contains what was typed, compared as the
     * database's {@code name_key} makes them comparable: full- and half-width alike, hiragana as
     * katakana, official-name variants as their common kanji (髙橋 finds 高橋), spaces and ・
     * ignored, Latin accents and case ignored. Nothing for a query with nothing to compare.
     */
    public List<Found> find(String query) {
        String q = query == null ? "" : query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return jdbc.query("""
                WITH q AS (SELECT '%' || name_key(?) || '%' AS pattern, name_key(?) AS key)
                SELECT r.resident_id, r.name, r.name_kana, r.address, r.status FROM residents r, q
                WHERE q.key <> '' AND (name_key(r.name) LIKE q.pattern OR name_key(r.name_kana) LIKE q.pattern
                                       OR name_key(r.name_latin) LIKE q.pattern)
                ORDER BY r.resident_id LIMIT ?""", (rs, i) -> new Found(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5)), q, q, FOUND);
    }

    /** A booking as the desk shows it. */
    public record Booked(String wave, int dose, long sessionId, String siteCode, java.time.LocalDateTime start, String vaccine) {
    }

    /** The resident's bookings, every wave, by dose. */
    public List<Booked> bookings(String who) {
        return jdbc.query("""
                SELECT b.wave, b.dose, s.session_id, s.site_code, s.starts_at, s.vaccine FROM bookings b
                JOIN sessions s ON s.session_id = b.session_id WHERE b.resident_id = ? ORDER BY b.wave, b.dose""",
                (rs, i) -> new Booked(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4),
                        rs.getObject(5, java.time.LocalDateTime.class), rs.getString(6)), residentOf(who));
    }

    /**
     * Sessions with room for the resident's dose {@code dose}: still to come, of the same vaccine
     * and dose as the booking being moved (or first doses, for a resident not yet booked), at
     * least the series interval after the dose before and before the dose after; nearest the
     * resident's district first, then earliest.
     */
    public List<Option> options(String who, String wave, int dose) {
        return options(who, wave, dose, OPTIONS);
    }

    /** The same, at most {@code limit} of them. */
    public List<Option> options(String who, String wave, int dose, int limit) {
        String resident = residentOf(who);
        String vaccine = jdbc.query("""
                SELECT s.vaccine FROM bookings b JOIN sessions s ON s.session_id = b.session_id
                WHERE b.resident_id = ? AND (?::text IS NULL OR b.wave = ?) ORDER BY b.dose LIMIT 1""",
                rs -> rs.next() ? rs.getString(1) : null, resident, wave, wave);
        int interval = vaccine == null ? 0 : allocate.series().getOrDefault(vaccine, 0);
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
                WHERE s.starts_at > localtimestamp AND s.booked < s.capacity AND s.cancelled_at IS NULL AND s.dose = ?
                  AND (?::text IS NULL OR s.vaccine = ?)
                  AND (around.before IS NULL OR s.starts_at >= around.before + make_interval(days => ?))
                  AND (around.after IS NULL OR s.starts_at <= around.after - make_interval(days => ?))
                  AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.resident_id = ? AND b.session_id = s.session_id)
                ) o ORDER BY round(o.km::numeric, 0), o.starts_at, o.site_code LIMIT ?""",
                (rs, i) -> new Option(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, java.time.LocalDateTime.class),
                        rs.getInt(5), rs.getDouble(6)),
                resident, dose, dose, resident, wave, wave, dose, vaccine, vaccine, interval, interval, resident, limit);
    }

    /** What a move or a telephone booking did. */
    public record Changed(String residentId, String wave, String before, String after, boolean letter) {
    }

    /** Moves the resident's booking of {@code dose} to another session with room (one of {@link #options}). */
    @Transactional
    public Changed move(String who, String wave, int dose, long toSession, boolean noLetter, String by) {
        return move(who, wave, dose, toSession, noLetter, by, "asked");
    }

    /** A move for {@code reason} (the resident asked, or their session was cancelled). */
    @Transactional
    public Changed move(String who, String wave, int dose, long toSession, boolean noLetter, String by, String reason) {
        String resident = residentOf(who);
        String w = bookedWave(resident, wave);
        List<String> before = jdbc.queryForList("""
                SELECT s.site_code || ' ' || to_char(s.starts_at, 'YYYY-MM-DD HH24:MI') FROM bookings b
                JOIN sessions s ON s.session_id = b.session_id WHERE b.wave = ? AND b.resident_id = ? AND b.dose = ?
                FOR UPDATE OF b""", String.class, w, resident, dose);
        if (before.isEmpty()) {
            throw new Refused("resident " + resident + " has no booking of dose " + dose + " in wave " + w + ": nothing to move");
        }
        if (options(resident, w, dose, Integer.MAX_VALUE).stream().noneMatch(o -> o.sessionId() == toSession)) {
            throw new Refused("session " + toSession + " is not one this booking can move to (full, past, another vaccine or dose,"
                    + " or too near another dose): scripts/ofuku booking options " + resident + " --dose " + dose + " lists those that are");
        }
        int moved = placeTaken(() -> jdbc.update("UPDATE bookings SET session_id = ? WHERE wave = ? AND resident_id = ? AND dose = ?",
                toSession, w, resident, dose), toSession);
        String after = describe(toSession);
        return record(resident, w, "moved", reason, "dose " + dose + " moved from " + before.get(0) + " to " + after, before.get(0),
                after, noLetter, by, moved, null);
    }

    /**
     * Books by telephone a resident not booked yet in the wave (the booking recorded as by
     * telephone): one who was invited, or one never invited when {@code wave} is given; the
     * wave's later invitations leave a booked resident out.
     */
    @Transactional
    public Changed book(String who, String wave, long session, boolean noLetter, String by) {
        String resident = residentOf(who);
        List<String[]> invited = jdbc.query("""
                SELECT i.wave, i.form_code FROM invitations i JOIN residents r ON r.resident_id = i.resident_id
                WHERE i.resident_id = ? AND (?::text IS NULL OR i.wave = ?) AND i.status = 'printed' AND r.status = 'active'
                ORDER BY i.wave, i.round DESC""", (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, resident, wave, wave);
        if (invited.isEmpty()) {
            // never invited in the wave (newly eligible, or left out): booked all the same, with no form
            String status = jdbc.queryForObject("SELECT status FROM residents WHERE resident_id = ?", String.class, resident);
            if (!status.equals("active")) {
                throw new Refused("resident " + resident + " is " + status + " in the registry: nobody is booked who is not active");
            }
            if (wave == null) {
                throw new Refused("resident " + resident + " was never invited: say the wave to book them in with --wave");
            }
            if (jdbc.queryForList("SELECT 1 FROM waves WHERE wave = ?", wave).isEmpty()) {
                throw new Refused("there is no wave '" + wave + "' (scripts/ofuku status lists the waves)");
            }
            invited = List.<String[]>of(new String[] {wave, null});
        }
        if (invited.stream().map(i -> i[0]).distinct().count() > 1) {
            throw new Refused("resident " + resident + " was invited in several waves: say which with --wave");
        }
        String w = invited.get(0)[0];
        String form = invited.get(0)[1];
        if (!jdbc.queryForList("SELECT 1 FROM bookings WHERE wave = ? AND resident_id = ? AND dose = 1", w, resident).isEmpty()) {
            throw new Refused("resident " + resident + " is already booked in wave " + w + ": move that booking instead");
        }
        if (options(resident, w, 1, Integer.MAX_VALUE).stream().noneMatch(o -> o.sessionId() == session)) {
            throw new Refused("session " + session + " has no room or is not a first dose still to come: scripts/ofuku booking options "
                    + resident + " lists those that are");
        }
        int booked = placeTaken(() -> jdbc.update("""
                INSERT INTO bookings (wave, resident_id, form_code, session_id, dose, booked_by) VALUES (?, ?, ?, ?, 1, ?)""",
                w, resident, form, session, "telephone: " + by), session);
        String after = describe(session);
        // never sent a form: the letter carries a reference of its own
        String reference = form != null ? null
                : jp.ofuku.letters.FormCode.ofSerial(jdbc.queryForObject("SELECT nextval('form_serial')", Long.class)).digits();
        return record(resident, w, "booked", "asked", "booked by telephone: dose 1 at " + after, "not booked", after, noLetter,
                by, booked, reference);
    }

    private Changed record(String resident, String wave, String action, String reason, String detail, String before, String after,
            boolean noLetter, String by, int rows, String reference) {
        if (rows != 1) {
            throw new IllegalStateException(action + " changed " + rows + " bookings of " + resident + ", not one");
        }
        boolean letter = !noLetter;
        queue(resident, wave, action, reason, detail, before, after, letter, by, reference);
        return new Changed(resident, wave, before, after, letter);
    }

    /**
     * Records a change with its change letter (or none) and its audit entry, in the change's
     * transaction; {@code reference} is the letter's own, for a resident never sent a form (else null).
     */
    private void queue(String resident, String wave, String action, String reason, String detail, String before, String after,
            boolean letter, String by, String reference) {
        jdbc.update("""
                INSERT INTO booking_changes (wave, resident_id, action, reason, detail, changed_by, letter, reference)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", wave, resident, action, reason, detail, by, letter ? "wanted" : "none", reference);
        String verb = switch (action) {
            case "cancelled" -> "cancel";
            case "moved" -> "move";
            default -> "book";
        };
        audit.record(by, "booking." + verb, resident, before, after + (letter ? "; change letter queued" : "; no letter"));
    }

    /** Runs a booking statement; the database refusing it for want of room (the CHECK on the session's count) is a refusal. */
    private int placeTaken(java.util.function.IntSupplier statement, long session) {
        try {
            return statement.getAsInt();
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            if (e.getMostSpecificCause() instanceof java.sql.SQLException sql && "23514".equals(sql.getSQLState())) {
                throw new Refused("session " + session + " filled up a moment ago: choose another (scripts/ofuku booking options)");
            }
            throw e;
        }
    }

    String describe(long session) {
        return jdbc.queryForObject("SELECT site_code || ' ' || to_char(starts_at, 'YYYY-MM-DD HH24:MI') FROM sessions WHERE session_id = ?",
                String.class, session);
    }

    private String bookedWave(String resident, String wave) {
        List<String> waves = jdbc.queryForList("SELECT DISTINCT wave FROM bookings WHERE resident_id = ? AND (?::text IS NULL OR wave = ?)"
                + " ORDER BY wave", String.class, resident, wave, wave);
        if (waves.isEmpty()) {
            throw new Refused("resident " + resident + " has no booking" + (wave == null ? "" : " in wave " + wave));
        }
        if (waves.size() > 1) {
            throw new Refused("resident " + resident + " is booked in waves " + String.join(", ", waves) + ": say which with --wave");
        }
        return waves.get(0);
    }

    /** A change the desk refused, with what to do instead. */
    public static class Refused extends jp.ofuku.ops.Refusal {
        public Refused(String message) {
            super(message);
        }
    }

    /** What a cancellation did: the bookings cancelled (described, dose by dose) and whether a letter follows. */
    public record Cancelled(String residentId, String wave, List<String> doses, boolean letter) {
    }

    /**
     * Cancels a resident's booking of {@code dose} and every later dose booked with it (a second
     * dose without the first is no use). {@code who} is a resident id or a form code; {@code wave}
     * may be null when the resident is booked in one wave only.
     */
    @Transactional
    public Cancelled cancel(String who, String wave, int dose, String reason, boolean noLetter, String by) {
        if (!REASONS.contains(reason) && !reason.equals(SESSION_CANCELLED) && !reason.equals(CAPACITY_LOWERED)) {
            throw new Refused("the reason must be one of " + String.join(", ", REASONS.stream().sorted().toList()) + ", not '" + reason + "'");
        }
        String resident = residentOf(who);
        String w;
        try {
            w = bookedWave(resident, wave);
        } catch (Refused e) {
            throw new Refused(e.getMessage() + ": nothing was cancelled (scripts/ofuku export bookings lists every booking)");
        }
        // the resident's bookings are locked first: a move or a second cancellation waits for this one
        List<String> doses = jdbc.queryForList("""
                SELECT 'dose ' || b.dose || ' at ' || s.site_code || ' ' || to_char(s.starts_at, 'YYYY-MM-DD HH24:MI')
                FROM bookings b JOIN sessions s ON s.session_id = b.session_id
                WHERE b.wave = ? AND b.resident_id = ? AND b.dose >= ? ORDER BY b.dose FOR UPDATE OF b""", String.class,
                w, resident, dose);
        if (doses.isEmpty()) {
            throw new Refused("resident " + resident + " has no booking of dose " + dose + " in wave " + w + ": nothing was cancelled");
        }
        cancelQuietly(resident, w, dose, reason.equals("moved") ? "moved_out" : reason, by);
        // nobody writes to a resident who died; nor when they asked for no letter
        boolean letter = !noLetter && !reason.equals("deceased");
        queue(resident, w, "cancelled", reason, "cancelled " + String.join("; ", doses), String.join("; ", doses),
                "cancelled (" + reason + ")", letter, by, null);
        return new Cancelled(resident, w, doses, letter);
    }

    /**
     * Cancels the resident's booking of {@code dose} and the later doses, kept in
     * {@code cancelled_bookings} with {@code reason} as stored; no letter, no audit entry (the
     * caller records why). In the caller's transaction.
     */
    int cancelQuietly(String resident, String wave, int dose, String reason, String by) {
        return jdbc.update("""
                WITH gone AS (DELETE FROM bookings WHERE wave = ? AND resident_id = ? AND dose >= ? RETURNING *)
                INSERT INTO cancelled_bookings (booking_id, wave, resident_id, form_code, session_id, dose, reply_id, booked_at,
                                                booked_by, cancelled_by, reason)
                SELECT booking_id, wave, resident_id, form_code, session_id, dose, reply_id, booked_at, booked_by, ?, ?
                FROM gone""", wave, resident, dose, by, reason);
    }

    /** Makes a booked reply undecided again ('unplaced'): the next invite or nightly run writes to the resident with new dates. */
    void offerNewDates(long reply) {
        jdbc.update("""
                INSERT INTO allocations (reply_id, outcome) VALUES (?, 'unplaced')
                ON CONFLICT (reply_id) DO UPDATE SET outcome = 'unplaced', decided_at = now()""", reply);
    }

    /** The resident a resident id or a form code names. */
    String residentOf(String who) {
        String id = who.strip();
        List<String> found = jdbc.queryForList("""
                SELECT resident_id FROM residents WHERE resident_id = ?
                UNION SELECT resident_id FROM invitations WHERE form_code = ?""", String.class, id,
                id.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT));
        if (found.isEmpty()) {
            throw new Refused("no resident with the id or form code '" + id + "'");
        }
        return found.get(0);
    }
}
