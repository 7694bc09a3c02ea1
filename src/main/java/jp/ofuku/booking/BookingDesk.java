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

    private final JdbcTemplate jdbc;
    private final Audit audit;

    public BookingDesk(JdbcTemplate jdbc, Audit audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** A change the desk refused, with what to do instead. */
    public static class Refused extends RuntimeException {
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
        if (!REASONS.contains(reason)) {
            throw new Refused("the reason must be one of " + String.join(", ", REASONS.stream().sorted().toList()) + ", not '" + reason + "'");
        }
        String resident = residentOf(who);
        List<String> waves = jdbc.queryForList("SELECT DISTINCT wave FROM bookings WHERE resident_id = ? AND (?::text IS NULL OR wave = ?)"
                + " ORDER BY wave", String.class, resident, wave, wave);
        if (waves.isEmpty()) {
            throw new Refused("resident " + resident + " has no booking" + (wave == null ? "" : " in wave " + wave)
                    + ": nothing was cancelled (scripts/ofuku export bookings lists every booking)");
        }
        if (waves.size() > 1) {
            throw new Refused("resident " + resident + " is booked in waves " + String.join(", ", waves) + ": say which with --wave");
        }
        String w = waves.get(0);
        // the resident's bookings are locked first: a move or a second cancellation waits for this one
        List<String> doses = jdbc.queryForList("""
                SELECT 'dose ' || b.dose || ' at ' || s.site_code || ' ' || to_char(s.starts_at, 'YYYY-MM-DD HH24:MI')
                FROM bookings b JOIN sessions s ON s.session_id = b.session_id
                WHERE b.wave = ? AND b.resident_id = ? AND b.dose >= ? ORDER BY b.dose FOR UPDATE OF b""", String.class,
                w, resident, dose);
        if (doses.isEmpty()) {
            throw new Refused("resident " + resident + " has no booking of dose " + dose + " in wave " + w + ": nothing was cancelled");
        }
        String stored = reason.equals("moved") ? "moved_out" : reason;
        jdbc.update("""
                WITH gone AS (DELETE FROM bookings WHERE wave = ? AND resident_id = ? AND dose >= ? RETURNING *)
                INSERT INTO cancelled_bookings (booking_id, wave, resident_id, form_code, session_id, dose, reply_id, booked_at,
                                                booked_by, cancelled_by, reason)
                SELECT booking_id, wave, resident_id, form_code, session_id, dose, reply_id, booked_at, booked_by, ?, ?
                FROM gone""", w, resident, dose, by, stored);
        // nobody writes to a resident who died; nor when they asked for no letter
        boolean letter = !noLetter && !reason.equals("deceased");
        String detail = "cancelled " + String.join("; ", doses);
        jdbc.update("""
                INSERT INTO booking_changes (wave, resident_id, action, reason, detail, changed_by, letter)
                VALUES (?, ?, 'cancelled', ?, ?, ?, ?)""", w, resident, reason, detail, by, letter ? "wanted" : "none");
        audit.record(by, "booking.cancel", resident, String.join("; ", doses), "cancelled (" + reason + ")"
                + (letter ? "; change letter queued" : "; no letter"));
        return new Cancelled(resident, w, doses, letter);
    }

    /** The resident a resident id or a form code names. */
    private String residentOf(String who) {
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
