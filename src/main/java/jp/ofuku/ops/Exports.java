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

    private final JdbcTemplate jdbc;
    /** Each feature's exports, from its own store. */
    private final Map<String, FeatureFacts.Export> exports = new java.util.TreeMap<>();

    public Exports(JdbcTemplate jdbc, List<FeatureFacts> facts) {
        this.jdbc = jdbc;
        facts.forEach(f -> exports.putAll(f.exports()));
    }

    public List<String> kinds() {
        return List.copyOf(exports.keySet());
    }

    /** Writes the export; returns the number of rows. */
    public long write(String kind, Path out) throws IOException {
        FeatureFacts.Export export = exports.get(kind);
        if (export == null) {
            throw new IllegalArgumentException("no export '" + kind + "'; available: " + String.join(", ", kinds()));
        }
        Path temp = out.resolveSibling(out.getFileName() + ".part");
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        long[] rows = {0};
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180);
            jdbc.query(export.query(), rs -> {
                try {
                    int n = rs.getMetaData().getColumnCount();
                    if (rows[0] == 0) {
                        for (int i = 1; i <= n; i++) {
                            csv.print(rs.getMetaData().getColumnLabel(i));
                        }
                        csv.println();
                    }
                    for (int i = 1; i <= n; i++) {
                        // a number as it is (-3 stays a number); a text a spreadsheet would run is made plain
                        String value = rs.getString(i);
                        csv.print(rs.getObject(i) instanceof Number ? value : SpreadsheetCells.cell(value));
                    }
                    csv.println();
                    rows[0]++;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            if (rows[0] == 0) {
                csv.printRecord(export.header());
            }
            csv.flush();
        }
        Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return rows[0];
    }
}
