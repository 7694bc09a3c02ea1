package jp.ofuku.database;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * PostgreSQL's COPY in its text format, both ways: for millions of rows far faster than
 * statements or result sets, and a query read by COPY may be planned in parallel, which a
 * cursor read in batches never is. Fields are tab-separated, {@code \N} is NULL, and backslash,
 * tab and line ends inside a value are escaped.
 */
public final class CopyText {

    private CopyText() {
    }

    /** Opens COPY … FROM STDIN; close the writer to finish it (an exception then means the server refused the rows). */
    public static Writer writer(Connection connection, String copyFromStdin) throws SQLException {
        return new BufferedWriter(new OutputStreamWriter(
                new PGCopyOutputStream(connection.unwrap(PGConnection.class), copyFromStdin, 1 << 16), StandardCharsets.UTF_8),
                1 << 16);
    }

    /** One field: \N for NULL, backslash escapes for the few characters COPY treats specially. */
    public static void writeField(Writer out, String value) throws IOException {
        if (value == null) {
            out.write("\\N");
            return;
        }
        int n = value.length();
        int plain = 0;
        for (int i = 0; i < n; i++) {
            String escape = switch (value.charAt(i)) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (escape != null) {
                out.write(value, plain, i - plain);
                out.write(escape);
                plain = i + 1;
            }
        }
        out.write(value, plain, n - plain);
    }

    /** What a reader is handed for each row; valid only during the call. */
    public interface Row {

        /** A whole number field. */
        long number(int field);

        /** A text field, unescaped; null for NULL. */
        String text(int field);

        /** A boolean field (t or f). */
        boolean flag(int field);
    }

    @FunctionalInterface
    public interface RowReader {
        void read(Row row);
    }

    /** Runs {@code query} (no parameters) through COPY … TO STDOUT, handing each row to {@code reader}; returns the number of rows. */
    public static long read(Connection connection, String query, RowReader reader) throws SQLException {
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + query + ") TO STDOUT");
        long rows = 0;
        try {
            Line line = new Line();
            for (byte[] data = copy.readFromCopy(); data != null; data = copy.readFromCopy()) {
                line.set(data);
                reader.read(line);
                rows++;
            }
        } finally {
            // the reader failed: read the rest, so the connection is left ready for its next
            // statement (the driver's cancelCopy leaves the rest of a COPY out on the wire)
            while (copy.isActive() && copy.readFromCopy() != null) {
                rows++;
            }
        }
        return rows;
    }

    /** One row of COPY text output: the bytes of the line and where each field starts. */
    static final class Line implements Row {

        private byte[] data;
        private int[] starts = new int[16];
        private int fields;

        void set(byte[] line) {
            data = line;
            fields = 0;
            starts[fields++] = 0;
            for (int i = 0; i < line.length; i++) {
                if (line[i] == '\t') {
                    if (fields == starts.length) {
                        starts = java.util.Arrays.copyOf(starts, fields * 2);
                    }
                    starts[fields++] = i + 1;
                }
            }
        }

        private int end(int field) {
            if (field < 0 || field >= fields) {
                throw new IllegalArgumentException("field " + field + " of a row with " + fields);
            }
            int end = field + 1 < fields ? starts[field + 1] - 1 : data.length;
            return end > starts[field] && data[end - 1] == '\n' ? end - 1 : end;
        }

        @Override
        public long number(int field) {
            int i = starts[field];
            int end = end(field);
            boolean negative = i < end && data[i] == '-';
            if (negative) {
                i++;
            }
            if (i == end) {
                throw new IllegalArgumentException("field " + field + " is not a number: empty or NULL");
            }
            long value = 0;
            for (; i < end; i++) {
                int digit = data[i] - '0';
                if (digit < 0 || digit > 9) {
                    String text = text(field);
                    throw new IllegalArgumentException("field " + field + " is not a number: " + (text == null ? "NULL" : text));
                }
                value = value * 10 + digit;
            }
            return negative ? -value : value;
        }

        @Override
        public String text(int field) {
            int start = starts[field];
            int end = end(field);
            if (end - start == 2 && data[start] == '\\' && data[start + 1] == 'N') {
                return null;
            }
            boolean escaped = false;
            for (int i = start; i < end && !escaped; i++) {
                escaped = data[i] == '\\';
            }
            if (!escaped) {
                return new String(data, start, end - start, StandardCharsets.UTF_8);
            }
            byte[] plain = new byte[end - start];
            int n = 0;
            for (int i = start; i < end; i++) {
                byte b = data[i];
                if (b == '\\' && i + 1 < end) {
                    b = switch (data[++i]) {
                        case 't' -> '\t';
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        case 'v' -> 0x0b;
                        default -> data[i];
                    };
                }
                plain[n++] = b;
            }
            return new String(plain, 0, n, StandardCharsets.UTF_8);
        }

        @Override
        public boolean flag(int field) {
            int start = starts[field];
            if (end(field) - start != 1 || (data[start] != 't' && data[start] != 'f')) {
                throw new IllegalArgumentException("field " + field + " is not a boolean: " + text(field));
            }
            return data[start] == 't';
        }
    }
}
