package jp.ofuku.booking;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What stops when the registry says a resident died or moved away: their bookings of sessions
 * still to come are cancelled (the places free at once), their invitations and new-dates
 * letters not yet printed are withdrawn, and their confirmation letters not yet printed are
 * dropped. Idempotent, and run wherever it matters: after a residents import, and before
 * allocating, confirming or printing invitations, so no letter is printed for a resident the
 * registry says is not active, whatever order things happen in.
 */
@Component
public class Departures {

    private final JdbcTemplate jdbc;
    private final Bookings bookings;
    private final jp.ofuku.invite.Invitations invitations;
    private final ConfirmStore confirmations;

    public Departures(JdbcTemplate jdbc, Bookings bookings, jp.ofuku.invite.Invitations invitations, ConfirmStore confirmations) {
        this.jdbc = jdbc;
        this.bookings = bookings;
        this.invitations = invitations;
        this.confirmations = confirmations;
    }

    /** What one settling did: residents concerned (ids only) and what was stopped for them. */
    public record Settled(List<String> residents, int bookingsCancelled, int lettersWithdrawn, int confirmationsDropped) {

        public boolean any() {
            return bookingsCancelled + lettersWithdrawn + confirmationsDropped > 0;
        }
    }

    @Transactional
    public Settled settle(String by) {
        // print files being written are waited for: a letter in one is either printed before this or withdrawn by it
        jdbc.queryForList("SELECT name FROM confirm_print_files WHERE status = 'writing' ORDER BY name FOR UPDATE");
        jdbc.queryForList("SELECT name FROM print_files WHERE status = 'writing' ORDER BY name FOR UPDATE");
        List<String> residents = jdbc.queryForList("""
                SELECT DISTINCT r.resident_id FROM residents r
                WHERE r.status <> 'active' AND (
                    %s
                 OR EXISTS (SELECT 1 FROM invitations i WHERE i.resident_id = r.resident_id AND i.status = 'planned')
                 OR EXISTS (SELECT 1 FROM confirmations c WHERE c.resident_id = r.resident_id AND c.printed_at IS NULL
                            AND c.exception IS NULL))
                ORDER BY r.resident_id""".formatted(bookings.bookedAhead()), String.class);
        if (residents.isEmpty()) {
            return new Settled(List.of(), 0, 0, 0);
        }
        int cancelled = bookings.cancelOfDeparted(by);
        return new Settled(residents, cancelled, invitations.withdrawLeft(), confirmations.dropLeft());
    }
}
