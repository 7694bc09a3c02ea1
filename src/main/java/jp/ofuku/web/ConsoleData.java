package jp.ofuku.web;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** What the console's pages show beyond the status counts: places left per site, and one resident's history. */
@Service
public class ConsoleData {

    private final JdbcTemplate jdbc;

    public ConsoleData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

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
                WHERE s.starts_at > localtimestamp AND s.cancelled_at IS NULL GROUP BY s.site_code, si.name ORDER BY s.site_code""",
                (rs, i) -> new SitePlaces(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
    }

    public record Resident(String id, String name, String nameKana, String postalCode, String address, String language,
            String status) {
    }

    public record Letter(String formCode, String wave, int round, String status, String replaces, String printFile) {
    }

    public record Reply(long id, String formCode, String status, String marked, String extra, OffsetDateTime received,
            String resolvedBy) {
    }

    public record Booking(String wave, int dose, String siteCode, String siteName, LocalDateTime startsAt, OffsetDateTime bookedAt,
            String bookedBy, String attendance) {

        /** The session has begun: attendance may be recorded, nothing moved. */
        public boolean past() {
            return !startsAt.isAfter(LocalDateTime.now());
        }
    }

    /** A change made at the desk (or by a closed session, a no-show), and its letter. */
    public record Change(OffsetDateTime at, String action, String reason, String detail, String by, String letter) {
    }

    /** A page sent to review that the machine read as one of the resident's forms. */
    public record ReviewItem(long id, String formCode, String reason, OffsetDateTime created, String resolution) {
    }

    public record History(Resident resident, List<Letter> letters, List<Reply> replies, List<Booking> bookings,
            List<String> confirmations, List<Change> changes, List<ReviewItem> reviews) {

        public boolean active() {
            return "active".equals(resident.status());
        }
    }

    /** Everything about one resident, found by resident id or by the code of any form sent to them. */
    public Optional<History> history(String query) {
        String q = query == null ? "" : query.strip().replace(" ", "");
        List<String> ids = jdbc.queryForList("""
                SELECT resident_id FROM residents WHERE resident_id = ?
                UNION SELECT resident_id FROM invitations WHERE form_code = ?""", String.class, q, q);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        String id = ids.get(0);
        Resident resident = jdbc.queryForObject("""
                SELECT resident_id, name, name_kana, postal_code, address, language, status FROM residents WHERE resident_id = ?""",
                (rs, i) -> new Resident(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)), id);
        List<Letter> letters = jdbc.query("""
                SELECT form_code, wave, round, status, replaces, print_file FROM invitations WHERE resident_id = ?
                ORDER BY wave, round""", (rs, i) -> new Letter(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                rs.getString(5), rs.getString(6)), id);
        List<Reply> replies = jdbc.query("""
                SELECT r.reply_id, r.form_code, r.status, array_to_string(r.marked_options, ', '), array_to_string(r.extra, ', '),
                       r.received_at, r.resolved_by
                FROM replies r JOIN invitations i ON i.form_code = r.form_code WHERE i.resident_id = ? ORDER BY r.reply_id""",
                (rs, i) -> new Reply(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class), rs.getString(7)), id);
        List<Booking> bookings = jdbc.query("""
                SELECT b.wave, b.dose, s.site_code, si.name, s.starts_at, b.booked_at, b.booked_by, a.outcome
                FROM bookings b JOIN sessions s ON s.session_id = b.session_id JOIN sites si ON si.site_code = s.site_code
                LEFT JOIN attendance a ON a.booking_id = b.booking_id
                WHERE b.resident_id = ? ORDER BY b.wave, b.dose""",
                (rs, i) -> new Booking(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDateTime.class), rs.getObject(6, OffsetDateTime.class), rs.getString(7), rs.getString(8)), id);
        List<String> confirmations = jdbc.queryForList("""
                SELECT wave || ': ' || print_file || ' #' || sequence || CASE WHEN printed_at IS NULL THEN ' (not yet printed)' ELSE '' END
                FROM confirmations WHERE resident_id = ? ORDER BY wave""", String.class, id);
        List<Change> changes = jdbc.query("""
                SELECT changed_at, action, coalesce(reason, ''), detail, changed_by,
                       CASE WHEN letter = 'none' THEN 'none' WHEN printed_at IS NOT NULL THEN 'printed' ELSE 'planned' END
                FROM booking_changes WHERE resident_id = ?
                UNION ALL
                SELECT a.recorded_at, a.outcome, '', 'dose ' || a.dose || ' at ' || s.site_code || ' '
                       || to_char(s.starts_at, 'YYYY-MM-DD HH24:MI'), a.recorded_by, 'none'
                FROM attendance a JOIN sessions s ON s.session_id = a.session_id WHERE a.resident_id = ?
                ORDER BY 1 DESC""", (rs, i) -> new Change(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6)), id, id);
        List<ReviewItem> reviews = jdbc.query("""
                SELECT v.review_id, v.guess_form_code, v.reason, v.created_at, v.resolution FROM review_items v
                JOIN invitations i ON i.form_code = v.guess_form_code WHERE i.resident_id = ? ORDER BY v.review_id""",
                (rs, i) -> new ReviewItem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class),
                        rs.getString(5)), id);
        return Optional.of(new History(resident, letters, replies, bookings, confirmations, changes, reviews));
    }

    /** One option of a form: its number and the session it offers. */
    public record Option(int number, LocalDateTime startsAt, String siteCode, String siteName) {
    }

    /** The options printed on a form (by its code, spaces allowed), in order; empty for an unknown code. */
    public List<Option> options(String formCode) {
        String code = formCode == null ? "" : formCode.replaceAll("\\s", "");
        return jdbc.query("""
                SELECT o.option_no, s.starts_at, s.site_code, si.name FROM offers o
                JOIN sessions s ON s.session_id = o.session_id JOIN sites si ON si.site_code = s.site_code
                WHERE o.form_code = ? ORDER BY o.option_no""",
                (rs, i) -> new Option(rs.getInt(1), rs.getObject(2, LocalDateTime.class), rs.getString(3), rs.getString(4)), code);
    }
}
