package jp.ofuku.booking;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.ofuku.invite.InvitationStore;
import jp.ofuku.ops.Audit;
import jp.ofuku.registry.Residents;

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

    private final Bookings bookings;
    private final ChangeLetterStore changes;
    private final Residents residents;
    private final InvitationStore invitations;
    private final Audit audit;
    private final AllocateProperties allocate;

    public BookingDesk(Bookings bookings, ChangeLetterStore changes, Residents residents, InvitationStore invitations, Audit audit,
            AllocateProperties allocate) {
        this.bookings = bookings;
        this.changes = changes;
        this.residents = residents;
        this.invitations = invitations;
        this.audit = audit;
        this.allocate = allocate;
    }

    /** Residents found at the desk, at most this many. */
    public static final int FOUND = 50;

    /** Residents whose name, kana or Latin name contains what was typed ({@link Residents#search}), at most {@link #FOUND}. */
    public List<Residents.Found> find(String query) {
        return residents.search(query, FOUND);
    }

    /** The resident's bookings, every wave, by dose. */
    public List<Bookings.Booked> bookings(String who) {
        return bookings.of(residentOf(who));
    }

    /**
     * Sessions with room for the resident's dose {@code dose}: still to come, of the same vaccine
     * and dose as the booking being moved (or first doses, for a resident not yet booked), at
     * least the series interval after the dose before and before the dose after; nearest the
     * resident's district first, then earliest.
     */
    public List<Bookings.Option> options(String who, String wave, int dose) {
        return options(who, wave, dose, OPTIONS);
    }

    /** The same, at most {@code limit} of them. */
    public List<Bookings.Option> options(String who, String wave, int dose, int limit) {
        String resident = residentOf(who);
        String vaccine = bookings.vaccineOf(resident, wave);
        int interval = vaccine == null ? 0 : allocate.series().getOrDefault(vaccine, 0);
        return bookings.options(resident, wave, dose, vaccine, interval, limit);
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
        String before = bookings.lockDose(w, resident, dose).orElse(null);
        if (before == null) {
            throw new Refused("resident " + resident + " has no booking of dose " + dose + " in wave " + w + ": nothing to move");
        }
        if (options(resident, w, dose, Integer.MAX_VALUE).stream().noneMatch(o -> o.sessionId() == toSession)) {
            throw new Refused("session " + toSession + " is not one this booking can move to (full, past, another vaccine or dose,"
                    + " or too near another dose): scripts/ofuku booking options " + resident + " --dose " + dose + " lists those that are");
        }
        int moved = bookings.move(w, resident, dose, toSession);
        String after = bookings.describe(toSession);
        return record(resident, w, "moved", reason, "dose " + dose + " moved from " + before + " to " + after, before,
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
        List<InvitationStore.Sent> invited = invitations.sentTo(resident, wave);
        if (invited.isEmpty()) {
            // never invited in the wave (newly eligible, or left out): booked all the same, with no form
            String status = residents.status(resident).orElseThrow();
            if (!status.equals("active")) {
                throw new Refused("resident " + resident + " is " + status + " in the registry: nobody is booked who is not active");
            }
            if (wave == null) {
                throw new Refused("resident " + resident + " was never invited: say the wave to book them in with --wave");
            }
            if (!invitations.waveExists(wave)) {
                throw new Refused("there is no wave '" + wave + "' (scripts/ofuku status lists the waves)");
            }
            invited = List.of(new InvitationStore.Sent(wave, null));
        }
        if (invited.stream().map(InvitationStore.Sent::wave).distinct().count() > 1) {
            throw new Refused("resident " + resident + " was invited in several waves: say which with --wave");
        }
        String w = invited.get(0).wave();
        String form = invited.get(0).formCode();
        if (bookings.hasFirstDose(w, resident)) {
            throw new Refused("resident " + resident + " is already booked in wave " + w + ": move that booking instead");
        }
        if (options(resident, w, 1, Integer.MAX_VALUE).stream().noneMatch(o -> o.sessionId() == session)) {
            throw new Refused("session " + session + " has no room or is not a first dose still to come: scripts/ofuku booking options "
                    + resident + " lists those that are");
        }
        int booked = bookings.bookFirstDose(w, resident, form, session, "telephone: " + by);
        String after = bookings.describe(session);
        // never sent a form: the letter carries a reference of its own
        String reference = form != null ? null : invitations.newFormCode().digits();
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
        changes.queue(wave, resident, action, reason, detail, by, letter, reference);
        String verb = switch (action) {
            case "cancelled" -> "cancel";
            case "moved" -> "move";
            default -> "book";
        };
        audit.record(by, "booking." + verb, resident, before, after + (letter ? "; change letter queued" : "; no letter"));
    }


    private String bookedWave(String resident, String wave) {
        List<String> waves = bookings.waves(resident, wave);
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
        List<String> doses = bookings.lockFromDose(w, resident, dose);
        if (doses.isEmpty()) {
            throw new Refused("resident " + resident + " has no booking of dose " + dose + " in wave " + w + ": nothing was cancelled");
        }
        bookings.cancelFromDose(w, resident, dose, reason.equals("moved") ? "moved_out" : reason, by);
        // nobody writes to a resident who died; nor when they asked for no letter
        boolean letter = !noLetter && !reason.equals("deceased");
        queue(resident, w, "cancelled", reason, "cancelled " + String.join("; ", doses), String.join("; ", doses),
                "cancelled (" + reason + ")", letter, by, null);
        return new Cancelled(resident, w, doses, letter);
    }

    /** The resident a resident id or a form code names. */
    String residentOf(String who) {
        String id = who.strip();
        return residents.status(id).map(status -> id)
                .or(() -> invitations.residentOf(id.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT)))
                .orElseThrow(() -> new Refused("no resident with the id or form code '" + id + "'"));
    }

    /** The session, described as the desk names it: site code, date and time. */
    String describe(long session) {
        return bookings.describe(session);
    }
}
