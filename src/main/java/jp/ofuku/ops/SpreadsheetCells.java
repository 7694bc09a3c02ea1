package jp.ofuku.ops;

import java.util.Arrays;
import java.util.List;

/**
 * Cells of the CSV files people open in a spreadsheet (exports, reject files, exception lists,
 * the audit log). A text that begins with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a
 * carriage return would be taken for a formula ({@code =HYPERLINK(…)} in a file name sent by
 * fax, a name in a registry): it is written with an apostrophe before it, which a spreadsheet
 * shows as text and a person reads past. Numbers are written as they are. A file written so and
 * read back (a reject file corrected and imported again) gives the texts as they were: {@link #plain}.
 */
public final class SpreadsheetCells {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private SpreadsheetCells() {
    }

    /** The value as a cell: a text a spreadsheet would take for a formula is made plain text. */
    public static Object cell(Object value) {
        if (value instanceof CharSequence text && !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return value;
    }

    /** A cell read back: the apostrophe {@link #cell} put before a formula's first character is taken away. */
    public static String plain(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && FORMULA_STARTS.indexOf(cell.charAt(1)) >= 0 ? cell.substring(1) : cell;
    }

    /** Every value as a cell, for {@code CSVPrinter.printRecord}. */
    public static Object[] cells(Object... values) {
        return Arrays.stream(values).map(SpreadsheetCells::cell).toArray();
    }

    public static Object[] cells(List<?> values) {
        return values.stream().map(SpreadsheetCells::cell).toArray();
    }
}
