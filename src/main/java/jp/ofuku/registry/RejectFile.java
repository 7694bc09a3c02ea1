package jp.ofuku.registry;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import jp.ofuku.ops.SpreadsheetCells;

/**
 * Writes the bad rows of a file, each with its line and every reason, beside the input as
 * {@code NAME.rejects.csv}: the original columns follow, so the file can be corrected and
 * imported again. UTF-8 with a BOM, which Excel opens correctly.
 */
final class RejectFile {

    private RejectFile() {
    }

    static Path pathFor(Path input) {
        String name = input.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return input.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".rejects.csv");
    }

    /** Walks the file and the run's problems together, both in line order. */
    static Path write(JdbcTemplate jdbc, long executionId, Path input, FileEncoding encoding) throws IOException {
        Path target = pathFor(input);
        Path temp = target.resolveSibling(target.getFileName() + ".part");
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT line, column_name, reason FROM import_problems WHERE execution_id = ? ORDER BY line, column_name")) {
                ps.setLong(1, executionId);
                ps.setFetchSize(1000);
                try (ResultSet problems = ps.executeQuery(); CsvRows csv = CsvRows.open(input, encoding);
                        Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                    out.write('\uFEFF');
                    copyBadRows(problems, csv, new CSVPrinter(out, CSVFormat.RFC4180));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return null;
        });
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private static void copyBadRows(ResultSet problems, CsvRows csv, CSVPrinter printer)
            throws IOException, java.sql.SQLException {
        List<String> header = new ArrayList<>(List.of("line", "problems"));
        header.addAll(csv.header());
        printer.printRecord(header);
        boolean more = problems.next();
        Optional<CsvRows.Row> row = csv.next();
        while (more) {
            long line = problems.getLong(1);
            List<String> reasons = new ArrayList<>();
            while (more && problems.getLong(1) == line) {
                String column = problems.getString(2);
                reasons.add((column.isEmpty() ? "" : column + ": ") + problems.getString(3));
                more = problems.next();
            }
            while (row.isPresent() && row.get().line() < line) {
                row = csv.next();
            }
            List<String> record = new ArrayList<>(List.of(Long.toString(line), String.join("; ", reasons)));
            if (row.isPresent() && row.get().line() == line) {
                record.addAll(List.of(row.get().values()));
            }
            printer.printRecord(SpreadsheetCells.cells(record));
        }
        printer.flush();
    }
}
