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

/** Confirmation letters in the database: which bookings are still to be written to, and in which print file. */
@Repository
public class ConfirmStore {

    private final JdbcTemplate jdbc;

    public ConfirmStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record FileRow(String name, String directory) {
    }

    /** Print files reserved and not yet written (confirmations and change letters), in "C" order of their names. */
    List<FileRow> unfinished() {
        return jdbc.query("SELECT name, directory FROM confirm_print_files WHERE status = 'writing' ORDER BY name COLLATE \"C\"",
                (rs, i) -> new FileRow(rs.getString(1), rs.getString(2)));
    }

    /** The first unfinished print file named from first to last that no other transaction holds, locked until it ends. */
    java.util.Optional<FileRow> claim(String first, String last) {
        return jdbc.query("""
                SELECT name, directory FROM confirm_print_files WHERE status = 'writing'
                  AND name COLLATE "C" BETWEEN ? AND ? ORDER BY name COLLATE "C" LIMIT 1 FOR UPDATE SKIP LOCKED""",
                (rs, i) -> new FileRow(rs.getString(1), rs.getString(2)), first, last).stream().findFirst();
    }

    /** Drops from one print file (about to be written) the letters of residents who left the registry; returns how many. */
    int dropLeftFrom(String printFile) {
        int dropped = jdbc.update("""
                DELETE FROM confirmations c USING residents r
                WHERE c.print_file = ? AND r.resident_id = c.resident_id AND r.status <> 'active' AND c.printed_at IS NULL
                  AND c.exception IS NULL""", printFile);
        if (dropped > 0) {
            jdbc.update("UPDATE confirm_print_files SET pieces = (SELECT count(*) FROM confirmations WHERE print_file = ?) WHERE name = ?",
                    printFile, printFile);
        }
        return dropped;
    }

    /** Drops the confirmation letters not yet printed of residents who left the registry; returns how many. */
    int dropLeft() {
        int dropped = jdbc.update("""
                DELETE FROM confirmations c USING residents r
                WHERE r.resident_id = c.resident_id AND r.status <> 'active' AND c.printed_at IS NULL AND c.exception IS NULL""");
        if (dropped > 0) {
            jdbc.update("""
                    UPDATE confirm_print_files f SET pieces = (SELECT count(*) FROM confirmations c WHERE c.print_file = f.name)
                    WHERE f.status = 'writing'""");
        }
        return dropped;
    }

    /** Letters still to print: residents booked and not yet written to, and those reserved in files not yet written. */
    long waiting() {
        return jdbc.queryForObject("""
                SELECT (SELECT count(*) FROM bookings b WHERE %s)
                     + (SELECT coalesce(sum(pieces), 0) FROM confirm_print_files WHERE status = 'writing')"""
                .formatted(Bookings.CONFIRMATION_OWED), Long.class);
    }

    /**
     * Reserves up to {@code limit} residents booked and not yet written to, in postal-code order,
     * for a new print file; returns its name, or null when nobody is waiting.
     */
    String reserve(String directory, long executionId, int limit) {
        List<String[]> waiting = jdbc.query("""
                SELECT b.wave, b.resident_id, b.form_code FROM bookings b JOIN residents r ON r.resident_id = b.resident_id
                WHERE r.status = 'active' AND %s
                ORDER BY r.postal_code, r.resident_id LIMIT ?""".formatted(Bookings.CONFIRMATION_OWED), (rs, i) -> new String[] {rs.getString(1), rs.getString(2),
                rs.getString(3)}, limit);
        if (waiting.isEmpty()) {
            return null;
        }
        long n = jdbc.queryForObject("SELECT count(*) FROM confirm_print_files", Long.class) + 1;
        String name = String.format("confirm-%05d", n);
        jdbc.update("INSERT INTO confirm_print_files (name, directory, pieces, job_execution_id) VALUES (?, ?, ?, ?)", name,
                directory, waiting.size(), executionId);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < waiting.size(); i++) {
            rows.add(new Object[] {waiting.get(i)[0], waiting.get(i)[1], waiting.get(i)[2], name, i + 1});
        }
        jdbc.batchUpdate("INSERT INTO confirmations (wave, resident_id, form_code, print_file, sequence) VALUES (?, ?, ?, ?, ?)", rows);
        return name;
    }

    /** The pieces of a print file, in its order: each resident with every dose booked. */
    List<MailPiece> pieces(String printFile) {
        Map<String, MailPiece> pieces = new LinkedHashMap<>();
        Map<String, List<MailPiece.Option>> doses = new LinkedHashMap<>();
        jdbc.query("""
                SELECT c.form_code, r.resident_id, r.name, r.address, r.postal_code, i.language, i.large_print,
                       b.dose, s.session_id, s.starts_at, s.ends_at, s.site_code, t.name, t.postal_code, t.address, t.access
                FROM confirmations c
                JOIN residents r ON r.resident_id = c.resident_id
                JOIN invitations i ON i.form_code = c.form_code
                JOIN bookings b ON b.wave = c.wave AND b.resident_id = c.resident_id
                JOIN sessions s ON s.session_id = b.session_id
                JOIN sites t ON t.site_code = s.site_code
                WHERE c.print_file = ? ORDER BY c.sequence, b.dose""", rs -> {
            String code = rs.getString(1);
            List<MailPiece.Option> list = doses.computeIfAbsent(code, k -> new ArrayList<>());
            list.add(dose(rs, 8));
            pieces.computeIfAbsent(code, k -> {
                try {
                    return new MailPiece(FormCode.parse(code).orElseThrow(), rs.getString(2),
                            TextFolding.printable(rs.getString(3), rs.getString(6)), TextFolding.printable(rs.getString(4), rs.getString(6)),
                            rs.getString(5), rs.getString(6), rs.getBoolean(7), list, MailPiece.Kind.CONFIRMATION);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }, printFile);
        return new ArrayList<>(pieces.values());
    }

    /**
     * A booked dose as a letter prints it, from nine columns starting at {@code first}: dose,
     * session id, start, end, site code, site name, site postal code, site address, how to get there.
     */
    static MailPiece.Option dose(java.sql.ResultSet rs, int first) throws java.sql.SQLException {
        return new MailPiece.Option(rs.getInt(first), rs.getLong(first + 1), rs.getTimestamp(first + 2).toLocalDateTime(),
                rs.getTimestamp(first + 3).toLocalDateTime(), rs.getString(first + 4), rs.getString(first + 5),
                "〒" + rs.getString(first + 6) + " " + rs.getString(first + 7), rs.getString(first + 8));
    }

    /** Takes letters that failed the print check out of their print file and holds them, with the reason. */
    void hold(String printFile, Map<String, String> held) {
        if (held.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        held.forEach((code, reason) -> rows.add(new Object[] {reason, code, printFile}));
        jdbc.batchUpdate("""
                UPDATE confirmations SET exception = ?, print_file = NULL, sequence = NULL
                WHERE form_code = ? AND print_file = ?""", rows);
        jdbc.update("UPDATE confirm_print_files SET pieces = (SELECT count(*) FROM confirmations WHERE print_file = ?) WHERE name = ?",
                printFile, printFile);
    }

    /** Confirmation letters held, with why: form code, resident id, reason. */
    public List<Held> held() {
        return jdbc.query("SELECT form_code, resident_id, exception FROM confirmations WHERE exception IS NOT NULL ORDER BY resident_id",
                (rs, i) -> new Held(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    public record Held(String formCode, String residentId, String reason) {
    }

    /** Lets the next confirm write to a resident whose confirmation was held; false when it is not held. */
    public boolean release(String formCode) {
        return jdbc.update("DELETE FROM confirmations WHERE form_code = ? AND exception IS NOT NULL", formCode) == 1;
    }

    void markDone(String printFile, int pages) {
        jdbc.update("UPDATE confirm_print_files SET status = 'done', pages = ?, completed_at = now() WHERE name = ?", pages, printFile);
        jdbc.update("UPDATE confirmations SET printed_at = now() WHERE print_file = ?", printFile);
    }
}
