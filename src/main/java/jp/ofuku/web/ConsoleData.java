package jp.ofuku.web;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import jp.ofuku.booking.BookingHistory;
import jp.ofuku.booking.SiteDesk;
import jp.ofuku.invite.InvitationStore;
import jp.ofuku.registry.Residents;
import jp.ofuku.replies.ReplyStore;

/**
 * What the console's pages show beyond the status counts, each part asked of its feature's
 * store: places left per site, one resident's history, the dates printed on a form.
 */
@Service
public class ConsoleData {

    private final Residents residents;
    private final InvitationStore invitations;
    private final ReplyStore replies;
    private final BookingHistory bookings;
    private final SiteDesk sites;

    public ConsoleData(Residents residents, InvitationStore invitations, ReplyStore replies, BookingHistory bookings, SiteDesk sites) {
        this.residents = residents;
        this.invitations = invitations;
        this.replies = replies;
        this.bookings = bookings;
        this.sites = sites;
    }

    /** Sessions still to come, per site: places and bookings. */
    public List<SiteDesk.SitePlaces> places() {
        return sites.places();
    }

    public record History(Residents.Resident resident, List<InvitationStore.Letter> letters, List<ReplyStore.Reply> replies,
            List<BookingHistory.Booking> bookings, List<String> confirmations, List<BookingHistory.Change> changes,
            List<ReplyStore.ReviewItem> reviews) {

        public boolean active() {
            return "active".equals(resident.status());
        }
    }

    /** Everything about one resident, found by resident id or by the code of any form sent to them. */
    public Optional<History> history(String query) {
        String q = query == null ? "" : query.strip().replace(" ", "");
        Optional<Residents.Resident> found = residents.find(q).or(() -> invitations.residentOf(q).flatMap(residents::find));
        return found.map(r -> new History(r, invitations.letters(r.id()), replies.repliesOf(r.id()), bookings.bookings(r.id()),
                bookings.confirmations(r.id()), bookings.changes(r.id()), replies.reviewItemsOf(r.id())));
    }

    /** The options printed on a form (by its code, spaces allowed), in order; empty for an unknown code. */
    public List<InvitationStore.Offered> options(String formCode) {
        return invitations.offered(formCode);
    }
}
