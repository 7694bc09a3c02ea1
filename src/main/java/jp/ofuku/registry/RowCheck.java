package jp.ofuku.registry;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the fields of one row by column name and collects what is wrong with them, so that
 * one pass reports every problem of the row, each with its line and column.
 */
public final class RowCheck {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern POSTAL_CODE = Pattern.compile("([0-9]{3})-?([0-9]{4})");

    private final long line;
    private final String[] values;
    private final Map<String, Integer> columns;
    private final List<Problem> problems = new ArrayList<>(2);
    private final List<Problem> warnings = new ArrayList<>(0);

    RowCheck(long line, String[] values, Map<String, Integer> columns) {
        this.line = line;
        this.values = values;
        this.columns = columns;
    }

    public long line() {
        return line;
    }

    /** The field as written, or "" when the column is absent from the file. */
    public String raw(String column) {
        Integer index = columns.get(column);
        return index == null || index >= values.length ? "" : values[index];
    }

    /** A field that must not be blank; kept exactly as written. */
    public String text(String column) {
        String value = raw(column);
        if (value.isBlank()) {
            problem(column, "is empty");
        } else if (hasControlCharacter(value)) {
            problem(column, "contains a control character (tab, line break or similar)");
        }
        return value;
    }

    /** A field that may be blank; kept exactly as written. */
    public String optionalText(String column) {
        String value = raw(column);
        if (hasControlCharacter(value)) {
            problem(column, "contains a control character (tab, line break or similar)");
        }
        return value;
    }

    /** A short code (district, site): full-width letters and digits folded, surrounding spaces dropped. */
    public String code(String column) {
        String value = folded(column);
        if (value.isEmpty()) {
            problem(column, "is empty");
        } else if (value.chars().anyMatch(Character::isWhitespace) || hasControlCharacter(value)) {
            problem(column, "'" + value + "' is not a code: it contains spaces or control characters");
        }
        return value;
    }

    public LocalDate date(String column, boolean required) {
        String value = folded(column);
        if (value.isEmpty()) {
            if (required) {
                problem(column, "is empty (expected a date as YYYY-MM-DD)");
            }
            return null;
        }
        try {
            return isoDate(value);
        } catch (DateTimeException e) {
            problem(column, "'" + value + "' is not a date as YYYY-MM-DD");
            return null;
        }
    }

    public LocalDateTime dateTime(String column) {
        String value = folded(column);
        if (value.isEmpty()) {
            problem(column, "is empty (expected a local time as YYYY-MM-DDTHH:MM)");
            return null;
        }
        try {
            return LocalDateTime.parse(value, DATE_TIME);
        } catch (DateTimeParseException e) {
            problem(column, "'" + value + "' is not a local time as YYYY-MM-DDTHH:MM");
            return null;
        }
    }

    public Integer positiveInteger(String column) {
        String value = folded(column);
        try {
            int n = Integer.parseInt(value);
            if (n <= 0) {
                problem(column, "must be greater than 0, is " + n);
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            problem(column, value.isEmpty() ? "is empty (expected a whole number)" : "'" + value + "' is not a whole number");
            return null;
        }
    }

    public Double coordinate(String column, double limit) {
        String value = folded(column);
        try {
            double d = Double.parseDouble(value);
            if (!(Math.abs(d) <= limit)) {
                problem(column, value + " is outside -" + (int) limit + " to " + (int) limit);
                return null;
            }
            return d;
        } catch (NumberFormatException e) {
            problem(column, value.isEmpty() ? "is empty (expected decimal degrees)" : "'" + value + "' is not decimal degrees");
            return null;
        }
    }

    /** NNN-NNNN; seven digits without the hyphen and full-width digits are accepted and normalised. */
    public String postalCode(String column) {
        String value = folded(column);
        var m = POSTAL_CODE.matcher(value);
        if (!m.matches()) {
            problem(column, value.isEmpty() ? "is empty (expected NNN-NNNN)" : "'" + value + "' is not a postal code NNN-NNNN");
            return value;
        }
        return m.group(1) + "-" + m.group(2);
    }

    /**
     * The field with full-width letters and digits folded to ASCII (NFKC) and spaces around it
     * dropped; for codes, dates and numbers, never for names and addresses.
     */
    private String folded(String column) {
        String value = raw(column);
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return Normalizer.normalize(value, Normalizer.Form.NFKC).strip();
            }
        }
        return value.strip();
    }

    /** YYYY-MM-DD, strictly (the hot path of a million-row import: no formatter). */
    private static LocalDate isoDate(String value) {
        if (value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
            throw new DateTimeException(value);
        }
        return LocalDate.of(digits(value, 0, 4), digits(value, 5, 7), digits(value, 8, 10));
    }

    private static int digits(String value, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new DateTimeException(value);
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    public void problem(String column, String reason) {
        problems.add(new Problem(line, column, reason));
    }

    public void warning(String column, String reason) {
        warnings.add(new Problem(line, column, reason));
    }

    public List<Problem> problems() {
        return problems;
    }

    public List<Problem> warnings() {
        return warnings;
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    private static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return true;
            }
        }
        return false;
    }
}
