package jp.ofuku.booking;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import jp.ofuku.ops.Audit;

/**
 * A supervisor closes a session (an earthquake, a sick doctor). Each resident booked there is
 * moved to another of the sessions they marked on their reply that still has room, else to the
 * session with room nearest them (same vaccine and dose, the series interval kept), else their
 * booking is cancelled and the next run offers them new dates. Every one of them gets a change
 * letter from the next {@code confirm}. All of it is one transaction with the session closed
 * at its end, after which the database keeps the session empty; a dry run does the same and
 * rolls it back, so what it shows is what would happen.
 */
@Service
public class SessionCancel {

    /**
     * Where a booking of the closed session went: to a session the resident marked, to the
     * nearest with room, cancelled with new dates to be offered (a first dose booked from a
     * reply), or cancelled (a next dose, or a telephone booking, no session has room for: booked
     * by hand once sessions are added).
     */
    public enum Where { MARKED, NEAREST, NEW_DATES, CANCELLED }

    /** One booking of the closed session and what became of it. */
    public record Moved(String residentId, String wave, int dose, Where where, String to) {
    }

    /** What closing the session did (or would do). */
    public record Result(long sessionId, String session, String reason, boolean dryRun, List<Moved> moved) {

        public long count(Where where) {
            return moved.stream().filter(m -> m.where() == where).count();
        }
    }

    private final SiteDesk sites;
    private final jp.ofuku.replies.ReplyStore replies;
    private final Bookings bookings;
    private final AllocationStore allocations;
    private final BookingDesk desk;
    private final Audit audit;
    private final TransactionTemplate transactions;

    public SessionCancel(SiteDesk sites, jp.ofuku.replies.ReplyStore replies, Bookings bookings, AllocationStore allocations, BookingDesk desk, Audit audit,
            PlatformTransactionManager transactions) {
        this.sites = sites;
        this.replies = replies;
        this.bookings = bookings;
        this.allocations = allocations;
        this.desk = desk;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactions);
    }

    public Result cancel(String site, LocalDateTime start, String reason, boolean dryRun, String by) {
        String why = reason == null || reason.isBlank() ? "cancelled" : reason.strip();
        return transactions.execute(status -> {
            Result result = close(site, start, why, by);
            if (dryRun) {
                status.setRollbackOnly();
                return new Result(result.sessionId(), result.session(), why, true, result.moved());
            }
            audit.record(by, "session.cancel", result.session(), "open", "cancelled (" + why + "): " + result.count(Where.MARKED)
                    + " moved to a session they marked, " + result.count(Where.NEAREST) + " to the nearest with room, "
                    + result.count(Where.NEW_DATES) + " to be offered new dates, " + result.count(Where.CANCELLED)
                    + " cancelled to be booked by hand");
            return result;
        });
    }

    private Result close(String site, LocalDateTime start, String why, String by) {
        // the session row locked first: a second cancellation, a move into it or the allocation waits
        SiteDesk.Closing found = sites.lockAt(site, start).orElseThrow(() -> new BookingDesk.Refused("no session at " + site
                + " starting " + start.toString().replace('T', ' ') + ": scripts/ofuku export sessions lists them"));
        long session = found.id();
        String described = found.described();
        if (found.cancelled()) {
            throw new BookingDesk.Refused("the session " + described + " is already cancelled");
        }
        if (found.begun()) {
            throw new BookingDesk.Refused("the session " + described + " has begun or is over: record attendance instead");
        }
        // earlier doses first, so that a next dose is placed knowing where the first one now is
        List<Bookings.AtSession> booked = bookings.lockAtSession(session);
        List<Moved> moved = relocate(session, booked, BookingDesk.SESSION_CANCELLED, by);
        sites.close(session, why);
        return new Result(session, described, why, false, moved);
    }

    /**
     * Moves the bookings made last at a session whose capacity is being lowered to {@code capacity}
     * (the surplus over it: the first {@code capacity} booked stay) as a cancelled session's are moved, in the caller's transaction (the
     * sessions import's merge). Returns what became of each.
     */
    public List<Moved> moveSurplus(long session, int capacity, String by) {
        List<Bookings.AtSession> surplus = new ArrayList<>(bookings.lockBeyond(session, capacity));
        if (surplus.isEmpty()) {
            return List.of();
        }
        surplus.sort(java.util.Comparator.comparingInt(Bookings.AtSession::dose));
        List<Moved> moved = relocate(session, surplus, BookingDesk.CAPACITY_LOWERED, by);
        audit.record(by, "session.capacity", bookings.describe(session), surplus.size() + " over capacity " + capacity,
                moved.stream().filter(m -> m.where() == Where.MARKED || m.where() == Where.NEAREST).count() + " moved, "
                        + moved.stream().filter(m -> m.where() == Where.NEW_DATES || m.where() == Where.CANCELLED).count() + " cancelled");
        return moved;
    }

    /**
     * Each booking (resident, wave, dose) of {@code session}, earlier doses first, to a session the
     * resident marked with room, else the nearest with room, else cancelled for {@code reason}
     * with new dates offered when it was a first dose booked from a reply.
     */
    private List<Moved> relocate(long session, List<Bookings.AtSession> booked, String reason, String by) {
        List<Moved> moved = new ArrayList<>();
        for (Bookings.AtSession b : booked) {
            String resident = b.residentId();
            String wave = b.wave();
            int dose = b.dose();
            List<Bookings.Option> room = desk.options(resident, wave, dose, Integer.MAX_VALUE);
            Map<Long, Bookings.Option> byId = new LinkedHashMap<>();
            room.stream().filter(o -> o.sessionId() != session).forEach(o -> byId.put(o.sessionId(), o));
            Bookings.Option marked = replies.markedSessions(wave, resident).stream().map(byId::get).filter(o -> o != null).findFirst()
                    .orElse(null);
            Bookings.Option nearest = byId.values().stream().findFirst().orElse(null);
            if (marked != null || nearest != null) {
                Bookings.Option to = marked != null ? marked : nearest;
                BookingDesk.Changed changed = desk.move(resident, wave, dose, to.sessionId(), false, by, reason);
                moved.add(new Moved(resident, wave, dose, marked != null ? Where.MARKED : Where.NEAREST, changed.after()));
            } else {
                Long reply = bookings.replyOf(wave, resident, dose).orElse(null);
                desk.cancel(resident, wave, dose, reason, false, by);
                if (dose > 1 || reply == null) {
                    // a next dose, or a booking made by telephone: no reply to answer with new dates
                    moved.add(new Moved(resident, wave, dose, Where.CANCELLED, null));
                    continue;
                }
                // their reply is undecided again: the next invite or nightly run writes to them with new dates
                allocations.offerNewDates(reply);
                moved.add(new Moved(resident, wave, dose, Where.NEW_DATES, null));
            }
        }
        return moved;
    }

}
