package jp.ofuku.booking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import jp.ofuku.letters.FormCode;
import jp.ofuku.letters.MailPiece;
import jp.ofuku.letters.TextFolding;

/**
 * Change letters in the database: the changes made by hand that a resident is to be told of,
 * and in which print file. One letter per resident and wave per file, saying what is booked now
 * (or that nothing is); printed by {@code confirm} through the same print files as confirmations,
 * named change-NNNNN.
 */
@Repository
public class ChangeLetterStore {

    static final String PREFIX = "change-";
    private static final String WAITING = "c.letter = 'wanted' AND c.printed_at IS NULL AND c.exception IS NULL";
    /** The reference of a change letter (c) to a resident never sent a form: kept with their telephone booking. */
    private static final String REFERENCE =
            "(SELECT max(o.reference) FROM booking_changes o WHERE o.wave = c.wave AND o.resident_id = c.resident_id)";

    private final JdbcTemplate jdbc;

    public ChangeLetterStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a change to a resident's bookings, with its letter wanted or not, in the change's
     * transaction; {@code reference} is the letter's own, for a resident never sent a form (else null).
     */
    void queue(String wave, String resident, String action, String reason, String detail, String by, boolean letter, String reference) {
        jdbc.update("""
                INSERT INTO booking_changes (wave, resident_id, action, reason, detail, changed_by, letter, reference)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", wave, resident, action, reason, detail, by, letter ? "wanted" : "none", reference);
    }

    static boolean isChangeFile(String printFile) {
        return printFile.startsWith(PREFIX);
    }

    /** Change letters waiting to be printed (residents, not changes). */
    long waiting() {
        return jdbc.queryForObject("SELECT count(*) FROM (SELECT DISTINCT wave, resident_id FROM booking_changes c WHERE "
                + WAITING + ") w", Long.class);
    }

    /** Reserves up to {@code limit} residents with changes to be told of, in postal-code order; the file's name, or null. */
    String reserve(String directory, long executionId, int limit) {
        List<String[]> waiting = jdbc.query("""
                SELECT c.wave, c.resident_id FROM booking_changes c JOIN residents r ON r.resident_id = c.resident_id
                WHERE %s AND c.print_file IS NULL AND r.status = 'active'
                GROUP BY c.wave, c.resident_id, r.postal_code ORDER BY r.postal_code, c.resident_id LIMIT ?""".formatted(WAITING),
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, limit);
        if (waiting.isEmpty()) {
            return null;
        }
        long n = jdbc.queryForObject("SELECT count(*) FROM confirm_print_files WHERE name LIKE 'change-%'", Long.class) + 1;
        String name = String.format("%s%05d", PREFIX, n);
        jdbc.update("INSERT INTO confirm_print_files (name, directory, pieces, job_execution_id) VALUES (?, ?, ?, ?)", name,
                directory, waiting.size(), executionId);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < waiting.size(); i++) {
            rows.add(new Object[] {name, i + 1, waiting.get(i)[0], waiting.get(i)[1]});
        }
        jdbc.batchUpdate("UPDATE booking_changes c SET print_file = ?, sequence = ? WHERE wave = ? AND resident_id = ? AND "
                + WAITING + " AND print_file IS NULL", rows);
        return name;
    }

    /** The letters of a change file, in its order: each resident with every dose booked now, none if all were cancelled. */
    List<MailPiece> pieces(String printFile) {
        Map<String, MailPiece> pieces = new LinkedHashMap<>();
        jdbc.query("""
                SELECT DISTINCT ON (c.sequence) coalesce(i.form_code, %s), r.resident_id, r.name, r.address, r.postal_code,
                       coalesce(i.language, r.language), coalesce(i.large_print, 'large_print' = ANY (r.needs)), c.wave,
                       c.reason IN ('session_cancelled', 'capacity_lowered')
                FROM booking_changes c
                JOIN residents r ON r.resident_id = c.resident_id
                LEFT JOIN LATERAL (SELECT form_code, language, large_print FROM invitations n
                                   WHERE n.wave = c.wave AND n.resident_id = c.resident_id ORDER BY n.round DESC LIMIT 1) i ON true
                WHERE c.print_file = ? ORDER BY c.sequence, c.change_id DESC""".formatted(REFERENCE), rs -> {
            String language = rs.getString(6);
            pieces.put(rs.getString(1), new MailPiece(FormCode.parse(rs.getString(1)).orElseThrow(), rs.getString(2),
                    TextFolding.printable(rs.getString(3), language), TextFolding.printable(rs.getString(4), language),
                    rs.getString(5), language, rs.getBoolean(7), doses(rs.getString(8), rs.getString(2)),
                    // the latest change decides the letter's words: the site's (an apology) or the resident's own
                    rs.getBoolean(9) ? MailPiece.Kind.SITE_CHANGE : MailPiece.Kind.CHANGE));
        }, printFile);
        return new ArrayList<>(pieces.values());
    }

    private List<MailPiece.Option> doses(String wave, String residentId) {
        return jdbc.query("""
                SELECT b.dose, s.session_id, s.starts_at, s.ends_at, s.site_code, t.name, t.postal_code, t.address, t.access
                FROM bookings b JOIN sessions s ON s.session_id = b.session_id JOIN sites t ON t.site_code = s.site_code
                WHERE b.wave = ? AND b.resident_id = ? ORDER BY b.dose""",
                (rs, i) -> ConfirmStore.dose(rs, 1), wave, residentId);
    }

    /** Letters that failed the print check leave their file, held with the check's reason. */
    void hold(String printFile, Map<String, String> held, List<MailPiece> pieces) {
        for (MailPiece piece : pieces) {
            String reason = held.get(piece.formCode().digits());
            if (reason != null) {
                jdbc.update("UPDATE booking_changes SET exception = ?, print_file = NULL, sequence = NULL WHERE print_file = ?"
                        + " AND resident_id = ?", reason, printFile, piece.residentId());
            }
        }
    }

    void markPrinted(String printFile) {
        jdbc.update("UPDATE booking_changes SET printed_at = now() WHERE print_file = ?", printFile);
    }

    /** No change letter for a resident who left the registry (died, moved away), even one reserved. */
    /** As {@link #dropLeft()}, in one print file about to be written. */
    int dropLeftFrom(String printFile) {
        return jdbc.update("""
                UPDATE booking_changes c SET letter = 'none', print_file = NULL, sequence = NULL FROM residents r
                WHERE c.print_file = ? AND r.resident_id = c.resident_id AND r.status <> 'active' AND c.letter = 'wanted'
                  AND c.printed_at IS NULL""", printFile);
    }

    int dropLeft() {
        return jdbc.update("""
                UPDATE booking_changes c SET letter = 'none', print_file = NULL, sequence = NULL FROM residents r
                WHERE r.resident_id = c.resident_id AND r.status <> 'active' AND c.letter = 'wanted' AND c.printed_at IS NULL""");
    }

    /** Change letters held, with why: (latest) form code, resident id, reason. */
    public List<ConfirmStore.Held> held() {
        return jdbc.query("""
                SELECT DISTINCT ON (c.wave, c.resident_id)
                       coalesce((SELECT form_code FROM invitations n WHERE n.wave = c.wave AND n.resident_id = c.resident_id
                                 ORDER BY n.round DESC LIMIT 1),
                                 %s), c.resident_id, c.exception
                FROM booking_changes c WHERE c.exception IS NOT NULL AND c.printed_at IS NULL AND c.letter = 'wanted'
                ORDER BY c.wave, c.resident_id""".formatted(REFERENCE), (rs, i) -> new ConfirmStore.Held(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    /** Lets the next confirm write a held change letter; false when none is held for that form's resident. */
    public boolean release(String formCode) {
        return jdbc.update("""
                UPDATE booking_changes c SET exception = NULL
                WHERE c.exception IS NOT NULL AND c.printed_at IS NULL
                  AND (EXISTS (SELECT 1 FROM invitations n WHERE n.form_code = ? AND c.wave = n.wave AND c.resident_id = n.resident_id)
                       OR EXISTS (SELECT 1 FROM booking_changes o WHERE o.reference = ? AND o.wave = c.wave
                                  AND o.resident_id = c.resident_id))""", formCode, formCode) > 0;
    }
}
