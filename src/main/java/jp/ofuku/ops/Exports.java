package jp.ofuku.ops;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Plain CSV exports (UTF-8, header row), written under a temporary name and renamed when complete. */
@Service
public class Exports {

    private static final Map<String, String> QUERIES = Map.of(
            "replies", """
                    SELECT r.form_code, i.resident_id, r.status, array_to_string(r.marked_options, ';') AS marked_options,
                           array_to_string(r.extra, ';') AS extra, f.original_name AS source_file, r.source_page AS page,
                           round(r.confidence::numeric, 3) AS confidence
                    FROM replies r JOIN invitations i ON i.form_code = r.form_code
                    LEFT JOIN received_files f ON f.sha256 = r.source_sha256
                    ORDER BY r.reply_id""",
            "invitations", """
                    SELECT form_code, resident_id, wave, status, coalesce(print_file, '') AS print_file,
                           coalesce(sequence::text, '') AS sequence, coalesce(to_char(printed_at, 'YYYY-MM-DD"T"HH24:MI'), '') AS printed_at,
                           coalesce(exception, '') AS exception
                    FROM invitations ORDER BY wave, form_code""",
            "bookings", """
                    SELECT b.resident_id, coalesce(b.form_code, '') AS form_code, s.site_code,
                           to_char(s.starts_at, 'YYYY-MM-DD"T"HH24:MI') AS session_start, b.dose,
                           to_char(b.booked_at, 'YYYY-MM-DD"T"HH24:MI:SSOF') AS booked_at, b.status
                    FROM (SELECT k.resident_id, k.form_code, k.session_id, k.dose, k.booked_at,
                                 CASE WHEN a.outcome = 'attended' THEN 'attended' ELSE 'booked' END AS status
                          FROM bookings k LEFT JOIN attendance a ON a.booking_id = k.booking_id
                          UNION ALL
                          SELECT resident_id, form_code, session_id, dose, booked_at,
                                 CASE WHEN reason = 'no_show' THEN 'no_show' ELSE 'cancelled' END FROM cancelled_bookings) b
                    JOIN sessions s ON s.session_id = b.session_id
                    ORDER BY s.starts_at, s.site_code, b.resident_id, b.dose, b.status""");

    private final JdbcTemplate jdbc;

    public Exports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static List<String> kinds() {
        return QUERIES.keySet().stream().sorted().toList();
    }

    /** Writes the export; returns the number of rows. */
    public long write(String kind, Path out) throws IOException {
        String sql = QUERIES.get(kind);
        if (sql == null) {
            throw new IllegalArgumentException("no export '" + kind + "'; available: " + String.join(", ", kinds()));
        }
        Path temp = out.resolveSibling(out.getFileName() + ".part");
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        long[] rows = {0};
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180);
            jdbc.query(sql, rs -> {
                try {
                    int n = rs.getMetaData().getColumnCount();
                    if (rows[0] == 0) {
                        for (int i = 1; i <= n; i++) {
                            csv.print(rs.getMetaData().getColumnLabel(i));
                        }
                        csv.println();
                    }
                    for (int i = 1; i <= n; i++) {
                        csv.print(rs.getString(i));
                    }
                    csv.println();
                    rows[0]++;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            if (rows[0] == 0) {
                csv.printRecord(headerOf(kind));
            }
            csv.flush();
        }
        Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return rows[0];
    }

    private static List<String> headerOf(String kind) {
        return switch (kind) {
            case "replies" -> List.of("form_code", "resident_id", "status", "marked_options", "extra", "source_file", "page", "confidence");
            // status (booked, cancelled, attended, no_show) comes last: readers of the first six columns are unchanged
            case "bookings" -> List.of("resident_id", "form_code", "site_code", "session_start", "dose", "booked_at", "status");
            default -> List.of("form_code", "resident_id", "wave", "status", "print_file", "sequence", "printed_at", "exception");
        };
    }
}
