package jp.ofuku.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.ofuku.letters.ReplyFormLayout;

/**
 * Where a page's image cannot be trusted. A file damaged on a noisy fax line or a bad disk
 * often still decodes: the fax decoder loses step and says so ("Premature EOL in white run of
 * line 430"), and rows after it are garbage; a JPEG whose data was hit shifts the level of
 * everything after the hit, which shows as a step in brightness straight across the page,
 * something no form and no hand draws (found once the form is aligned, see
 * {@link #levelStep(GrayPage, PageAlignment)}). Boxes in a damaged band are not read as marked
 * or empty: a person looks.
 *
 * @param rows damaged bands, each {from, to} in rows of the {@link GrayPage}
 * @param notes what was seen, for the person who looks
 */
public record ImageDamage(List<int[]> rows, List<String> notes) {

    static final ImageDamage NONE = new ImageDamage(List.of(), List.of());

    /** A row or rows a decoder names: "line 430", "row 966", "rows 934 to 2286". */
    private static final Pattern LINE = Pattern.compile("(?:lines?|rows?) (\\d+)(?: to (\\d+))?");
    /** Rows before the first reported one that may already be wrong (the decoder reports late), in mm. */
    static final double BEFORE = 2;
    /** Rows after the last reported one that may still be wrong, in mm. */
    static final double AFTER = 10;
    /** A change of brightness of at least this many gray levels … */
    static final int STEP = 20;
    /**
     * … in at least this share of the columns that are level for 3 mm above and below (at
     * least {@link #LEVEL} of all: text and marks are not) is a level step.
     */
    static final double ACROSS = 0.6;
    static final double LEVEL = 0.25;

    public ImageDamage {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    public boolean any() {
        return !rows.isEmpty();
    }

    /** Whether rows y0 to y1 of the page meet any damaged band. */
    public boolean touches(double y0, double y1) {
        for (int[] band : rows) {
            if (y1 >= band[0] && y0 <= band[1]) {
                return true;
            }
        }
        return false;
    }

    /** Both this damage and {@code other}. */
    ImageDamage and(ImageDamage other) {
        if (!other.any()) {
            return this;
        }
        List<int[]> rows = new ArrayList<>(this.rows);
        rows.addAll(other.rows);
        List<String> notes = new ArrayList<>(this.notes);
        notes.addAll(other.notes);
        return new ImageDamage(rows, notes);
    }

    /** The damage found while decoding a page (rows that did not decode whole), placed by the rows its notes name. */
    static ImageDamage of(List<String> warnings, int sourceHeight, GrayPage page) {
        List<int[]> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        double mm = page.pxPerMm();
        if (!warnings.isEmpty()) {
            double scale = (double) page.height() / Math.max(1, sourceHeight);
            int first = Integer.MAX_VALUE;
            int last = -1;
            boolean placed = true;
            for (String warning : warnings) {
                Matcher m = LINE.matcher(warning);
                if (m.find()) {
                    first = Math.min(first, (int) Math.round(Integer.parseInt(m.group(1)) * scale));
                    last = Math.max(last, (int) Math.round(Integer.parseInt(m.group(m.group(2) != null ? 2 : 1)) * scale));
                } else {
                    placed = false;
                }
            }
            rows.add(placed ? new int[] {Math.max(0, (int) (first - BEFORE * mm)), (int) Math.min(page.height(), last + AFTER * mm)}
                    : new int[] {0, page.height()});
            notes.add("the image does not decode whole" + (placed ? String.format(Locale.ROOT, " from %.0f to %.0f mm down the page",
                    first / mm, last / mm) : "") + ": " + warnings.get(0)
                    + (warnings.size() > 1 ? " (and " + (warnings.size() - 1) + " more)" : ""));
        }
        return rows.isEmpty() ? NONE : new ImageDamage(rows, notes);
    }

    /**
     * Whether a bar a decoder drew runs through the box (or within a millimetre of it): a dark
     * run along a row of pixels, at least {@link #BAR} mm long, starting and ending at the same
     * pixel in {@link #BAR_ROWS} rows one under the other, as a fax line that lost step leaves.
     * The form prints no long line near a box, and no hand ends a stroke at the same pixel six
     * rows over.
     */
    static boolean streakThrough(GrayPage page, PageAlignment map, ReplyFormLayout.Box box) {
        double mm = page.pxPerMm();
        PageAlignment.Bounds around = map.pixelBounds(box.x() - 1, box.y() - 1, box.size() + 2, box.size() + 2);
        int bx0 = around.x0();
        int bx1 = around.x1();
        int by0 = around.y0();
        int by1 = around.y1();
        int reach = (int) Math.ceil(2 * BAR * mm);
        int barLength = (int) Math.round(BAR * mm);
        int[] previous = null;
        int stacked = 0;
        for (int y = by0; y <= by1; y++) {
            int runStart = -1;
            int[] bar = null;
            for (int x = bx0 - reach; x <= bx1 + reach + 1; x++) {
                boolean dark = x <= bx1 + reach && page.dark(x, y);
                if (dark && runStart < 0) {
                    runStart = x;
                } else if (!dark && runStart >= 0) {
                    int runEnd = x - 1;
                    boolean meets = runEnd >= bx0 && runStart <= bx1;
                    if (meets && runEnd - runStart + 1 >= barLength) {
                        bar = new int[] {runStart, runEnd};
                    }
                    runStart = -1;
                }
            }
            boolean same = bar != null && previous != null && Math.abs(bar[0] - previous[0]) <= 1
                    && Math.abs(bar[1] - previous[1]) <= 1;
            stacked = bar == null ? 0 : same ? stacked + 1 : 1;
            if (stacked >= BAR_ROWS) {
                return true;
            }
            previous = bar;
        }
        return false;
    }

    /** How long (in mm) and how many rows tall a bar is, at least. */
    static final double BAR = 12;
    static final int BAR_ROWS = 6;

    /**
     * A gray page's level step, if it has one: the first row, within the form (inside its corner
     * marks), where the brightness steps up or down across most of the form's width and stays
     * so: paper on both sides, level for 3 mm above and below (a pen's line, text and marks are
     * not), the same direction in most columns. A JPEG whose data was hit shows one; nothing on a
     * form or in a hand does.
     */
    static ImageDamage levelStep(GrayPage page, PageAlignment map) {
        if (page.bilevel()) {
            return NONE;
        }
        double inner = ReplyFormLayout.CORNER_MARGIN + ReplyFormLayout.CORNER_MARK;
        double[][] corners = {map.toPixel(inner, inner), map.toPixel(210 - inner, inner), map.toPixel(inner, 297 - inner),
                map.toPixel(210 - inner, 297 - inner)};
        int x0 = (int) Math.ceil(Math.max(corners[0][0], corners[2][0]));
        int x1 = (int) Math.floor(Math.min(corners[1][0], corners[3][0]));
        int y0 = (int) Math.ceil(Math.max(corners[0][1], corners[1][1]));
        int y1 = (int) Math.floor(Math.min(corners[2][1], corners[3][1]));
        if (corners[0][1] > corners[2][1]) {
            // the page upside down: its form's top is at the bottom of the image
            x0 = (int) Math.ceil(Math.max(corners[1][0], corners[3][0]));
            x1 = (int) Math.floor(Math.min(corners[0][0], corners[2][0]));
            y0 = (int) Math.ceil(Math.max(corners[2][1], corners[3][1]));
            y1 = (int) Math.floor(Math.min(corners[0][1], corners[1][1]));
        }
        int step = levelStep(page, x0, x1, y0, y1);
        if (step < 0) {
            return NONE;
        }
        double mm = page.pxPerMm();
        return new ImageDamage(List.of(new int[] {Math.max(0, (int) (step - BEFORE * mm)), page.height()}),
                List.of(String.format(Locale.ROOT, "the brightness changes in one step straight across the page %.0f mm down "
                        + "(a damaged image file)", step / mm)));
    }

    /** The first such row between y0 and y1, looking from x0 to x1; −1 when there is none. */
    static int levelStep(GrayPage page, int x0, int x1, int y0, int y1) {
        double mm = page.pxPerMm();
        int near = (int) Math.round(0.5 * mm);
        int mid = (int) Math.round(1.5 * mm);
        int far = (int) Math.round(3 * mm);
        int columns = 0;
        for (int x = x0; x < x1; x += 4) {
            columns++;
        }
        if (columns == 0) {
            return -1;
        }
        for (int y = Math.max(near, y0); y + far < Math.min(page.height(), y1); y += 2) {
            int up = 0;
            int down = 0;
            int level = 0;
            for (int x = x0; x < x1; x += 4) {
                int a = page.gray(x, y - near);
                int c = page.gray(x, y + far);
                if (Math.min(a, c) < GrayPage.NOT_PAPER + 40) {
                    continue;
                }
                int b = page.gray(x, y + mid);
                int before = page.gray(x, y - far);
                if (Math.abs(before - a) >= STEP / 2 || Math.abs(b - c) >= STEP / 2) {
                    continue; // not level on both sides: a line, text, a mark
                }
                level++;
                if (b - a >= STEP && c - a >= STEP) {
                    up++;
                } else if (a - b >= STEP && a - c >= STEP) {
                    down++;
                }
            }
            if (level >= LEVEL * columns && Math.max(up, down) >= ACROSS * level) {
                return y;
            }
        }
        return -1;
    }
}
