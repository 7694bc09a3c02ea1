package jp.ofuku.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * Watches every column of a file for My Number. A column is refused when its header names it,
 * or when at least half of its filled cells are twelve digits with a valid check digit, however
 * written (in groups, full-width: {@link MyNumber#isWritten}); a column of other twelve-digit ids
 * passes the check digit only about one time in ten.
 */
final class MyNumberColumns {

    private final List<String> names;
    private final long[] filled;
    private final long[] valid;
    private final long[] firstLine;

    MyNumberColumns(List<String> names) {
        this.names = names;
        this.filled = new long[names.size()];
        this.valid = new long[names.size()];
        this.firstLine = new long[names.size()];
    }

    void observe(long line, String[] values) {
        for (int i = 0; i < Math.min(values.length, filled.length); i++) {
            String v = values[i];
            if (v.isEmpty()) {
                continue;
            }
            filled[i]++;
            if (v.length() >= 12 && MyNumber.isWritten(v)) {
                if (valid[i]++ == 0) {
                    firstLine[i] = line;
                }
            }
        }
    }

    /** Throws when any column holds My Number, naming each such column and why. */
    void refuseIfFound() {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < filled.length; i++) {
            String label = "column " + (i + 1) + " (" + (names.get(i).isEmpty() ? "no name" : names.get(i)) + ")";
            if (MyNumber.isHeaderName(names.get(i))) {
                found.add(label + " is named as the individual number");
            } else if (valid[i] > 0 && valid[i] * 2 >= filled[i]) {
                found.add(label + " holds twelve-digit numbers with a valid My Number check digit in " + valid[i]
                        + " of " + filled[i] + " rows, first on line " + firstLine[i]);
            }
        }
        if (!found.isEmpty()) {
            throw new ImportRefusedException(String.join("; ", found)
                    + ". ofuku never stores My Number: nothing was loaded. Remove the column from the export and import again");
        }
    }
}
