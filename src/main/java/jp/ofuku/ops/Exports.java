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
        // which columns hold numbers, from the first row's metadata: a number is written as it is (-3 stays a number)
        boolean[][] numeric = {null};
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180);
            jdbc.query(export.query(), rs -> {
                try {
                    if (numeric[0] == null) {
                        java.sql.ResultSetMetaData meta = rs.getMetaData();
                        numeric[0] = new boolean[meta.getColumnCount() + 1];
                        for (int i = 1; i < numeric[0].length; i++) {
                            csv.print(meta.getColumnLabel(i));
                            numeric[0][i] = isNumber(meta.getColumnType(i));
                        }
                        csv.println();
                    }
                    for (int i = 1; i < numeric[0].length; i++) {
                        // a text a spreadsheet would run is made plain
                        String value = rs.getString(i);
                        csv.print(numeric[0][i] ? value : SpreadsheetCells.cell(value));
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

    /** Whether a column of this JDBC type reads as a Java number. */
    private static boolean isNumber(int type) {
        return switch (type) {
            case java.sql.Types.TINYINT, java.sql.Types.SMALLINT, java.sql.Types.INTEGER, java.sql.Types.BIGINT, java.sql.Types.REAL,
                    java.sql.Types.FLOAT, java.sql.Types.DOUBLE, java.sql.Types.NUMERIC, java.sql.Types.DECIMAL -> true;
            default -> false;
        };
    }
}
