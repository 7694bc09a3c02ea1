package jp.ofuku.registry;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import jp.ofuku.ops.SpreadsheetCells;

/**
 * A registry CSV file read record by record, each with the line it starts on. The first
 * record is the header. Decoding errors surface as {@link UndecodableInputException}. A cell
 * made plain text for a spreadsheet ({@code '=…}, as reject files write it) is read as it was.
 */
public final class CsvRows implements Closeable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(true)
            .setTrim(false)
            .get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private long lastLine;

    private CsvRows(CSVParser parser) throws IOException {
        this.parser = parser;
        this.records = parser.iterator();
        this.header = next().map(Row::values).map(List::of).orElse(List.of());
    }

    public static CsvRows open(Path file, FileEncoding encoding) throws IOException {
        return new CsvRows(CSVParser.builder().setReader(encoding.open(file)).setFormat(FORMAT).get());
    }

    /** The header's column names as written (not trimmed). Empty for an empty file. */
    public List<String> header() {
        return header;
    }

    /** The next record, or empty at the end of the file. */
    public Optional<Row> next() throws IOException {
        try {
            if (!records.hasNext()) {
                return Optional.empty();
            }
            CSVRecord record = records.next();
            String[] values = record.values();
            for (int i = 0; i < values.length; i++) {
                // a cell ofuku wrote into a reject file as plain text ('=…), corrected and imported again
                values[i] = SpreadsheetCells.plain(values[i]);
            }
            long endLine = parser.getCurrentLineNumber();
            long startLine = Math.max(lastLine + 1, endLine - newlinesIn(values));
            lastLine = endLine;
            return Optional.of(new Row(startLine, values));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static int newlinesIn(String[] values) {
        int n = 0;
        for (String v : values) {
            for (int i = v.indexOf('\n'); i >= 0; i = v.indexOf('\n', i + 1)) {
                n++;
            }
        }
        return n;
    }

    /** All remaining records (for small files and tests). */
    public List<Row> rest() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (Optional<Row> row = next(); row.isPresent(); row = next()) {
            rows.add(row.get());
        }
        return rows;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** One record: the line it starts on and its fields as written. */
    public record Row(long line, String[] values) {
    }
}
