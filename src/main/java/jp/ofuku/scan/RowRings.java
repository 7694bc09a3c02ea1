package jp.ofuku.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jp.ofuku.letters.ReplyFormLayout;

/**
 * Circles drawn round an option's row, and any other ink where the form prints nothing.
 *
 * <p>Between two rows of options runs a band the form leaves blank, and left of each box and
 * between the box and the option's number are two blank zones. A circle (or the rounded
 * rectangle most hands draw) round row k crosses the band above k, the band below k and one of
 * k's side zones: all three inked means row k was circled. Ink in a band or zone that no
 * circle and no marked box explains is "stray" (a circle round the box alone, round two rows
 * at once, a line under a row), and sends the form to a person rather than be guessed at.
 */
final class RowRings {

    /** Share of a band's width that must be inked for a circle's top or bottom arc. */
    static final double ARC = 0.15;
    /** Share of a side zone's height that must be inked for a circle's side. */
    static final double SIDE = 0.25;
    /** Less than this in a band (or {@link #STRAY_SIDE} in a zone) is dust; more, unexplained, is stray ink. */
    static final double STRAY_BAND = 0.05;
    static final double STRAY_SIDE = 0.2;
    static final double LEFT_FROM = 14;
    static final double BAND_TO = 192;
    /** Darker than this is ink (paper, evened out, is near 255; a soft pencil through a phone's JPEG near 190). */
    private static final int DARK = 205;
    private static final double STEP = 0.3;

    private RowRings() {
    }

    /** The option boxes with circled rows marked; stray ink described into {@code stray}. */
    static List<BoxReading> read(GrayPage page, PageAlignment map, ReplyFormLayout layout, List<BoxReading> boxes,
            List<String> stray) {
        int n = layout.options();
        double[] band = new double[n + 1]; // band[j]: the boundary above row j+1 (band[n]: below the last row)
        for (int j = 0; j <= n; j++) {
            double[] zone = band(layout, j);
            band[j] = across(page, map, ReplyFormLayout.TEXT_X, BAND_TO, zone[0], zone[1]);
        }
        double[] left = new double[n + 1];
        double[] gap = new double[n + 1];
        boolean[] circled = new boolean[n + 1];
        boolean[] throughBox = new boolean[n + 1];
        for (int k = 1; k <= n; k++) {
            ReplyFormLayout.Box box = layout.optionBox(k);
            double top = box.y() + 0.3;
            double bottom = box.y() + box.size() - 0.3;
            // left of the box, or just inside its left edge (a loop drawn through the outline)
            left[k] = Math.max(down(page, map, LEFT_FROM, box.x() - 0.7, top, bottom),
                    down(page, map, box.x() + 0.6, box.x() + 1.4, top, bottom));
            gap[k] = down(page, map, box.x() + box.size() + 0.7, ReplyFormLayout.TEXT_X - 0.5, top, bottom);
            // the loop's left end: beside the box, or through it (then the box holds a line of it, or
            // what a fax kept of one); both arcs alone are not enough: between two circled rows lie
            // the arcs of both
            BoxReading own = boxes.get(k - 1);
            boolean arcs = band[k - 1] >= ARC && band[k] >= ARC;
            circled[k] = arcs && (Math.max(left[k], gap[k]) >= SIDE || own.state() == BoxReading.State.MARKED);
            throughBox[k] = arcs && own.state() == BoxReading.State.UNSURE
                    && (own.ink() > FormReader.EMPTY || own.how().startsWith(BoxReading.BROKEN));
        }
        for (int k = 1; k <= n; k++) {
            // ink in the box is the loop's end only where neither arc belongs to a loop round a neighbouring row
            if (throughBox[k] && !circled[k] && !(k > 1 && circled[k - 1]) && !(k < n && circled[k + 1])) {
                circled[k] = true;
            }
        }
        boolean unexplained = false;
        for (int j = 0; j <= n; j++) {
            unexplained |= band[j] >= STRAY_BAND && !((j >= 1 && circled[j]) || (j < n && circled[j + 1]));
        }
        // whether a row's two arcs are joined round it: a flood over the row, worked out once a row
        Boolean[] joinedRows = new Boolean[n + 1];
        java.util.function.IntPredicate joinedRound = k -> joinedRows[k] != null ? joinedRows[k]
                : (joinedRows[k] = joined(page, map, layout, k));
        if (unexplained) {
            openLoops(page, map, layout, band, circled, joinedRound);
        }
        List<BoxReading> out = new ArrayList<>(boxes);
        for (int k = 1; k <= n; k++) {
            BoxReading b = boxes.get(k - 1);
            if (circled[k]) {
                out.set(k - 1, b.with(b.how().equals(BoxReading.SCRIBBLED) ? b.state()
                        : BoxReading.State.MARKED, b.how().isEmpty() || b.state() != BoxReading.State.MARKED
                        ? "row circled" : b.how() + ", row circled"));
            }
        }
        for (int j = 0; j <= n; j++) {
            boolean explained = (j >= 1 && circled[j]) || (j < n && circled[j + 1]);
            if (explained && band[j] >= ARC && !(j >= 1 && circled[j] && j < n && circled[j + 1])) {
                // one loop explains one line here; a second (a loop round the next row left unclosed) it does not
                double[] zone = band(layout, j);
                double twice = twoLines(page, map, ReplyFormLayout.TEXT_X, BAND_TO, zone[0], zone[1]);
                if (twice >= TWO_LINES) {
                    stray.add(String.format(Locale.ROOT, "two lines between rows %d and %d (%.0f %% of the way): a loop round"
                            + " one of them may not be closed", j, j + 1, 100 * twice));
                }
            }
            if (!explained && band[j] >= STRAY_BAND) {
                stray.add(String.format(Locale.ROOT, "ink between rows %d and %d (%.0f %% of the line)", j, j + 1, 100 * band[j]));
            }
        }
        for (int k = 1; k <= n; k++) {
            // a loop round a row left unread: its arcs merged with the neighbours', but joined round its end
            if (!circled[k] && boxes.get(k - 1).state() == BoxReading.State.EMPTY && band[k - 1] >= ARC && band[k] >= ARC
                    && joinedRound.test(k)) {
                stray.add("ink joined round row " + k + " from above it to below it: is the row circled?");
            }
        }
        for (int k = 1; k <= n; k++) {
            boolean explained = circled[k] || boxes.get(k - 1).state() != BoxReading.State.EMPTY;
            if (!explained && Math.max(left[k], gap[k]) >= STRAY_SIDE
                    && Math.max(unowned(page, map, layout, boxes, k, LEFT_FROM, layout.optionBox(k).x() - 0.7),
                            unowned(page, map, layout, boxes, k, layout.optionBox(k).x() + layout.optionBox(k).size() + 0.7,
                                    ReplyFormLayout.TEXT_X - 0.5)) >= STRAY_SIDE) {
                stray.add("ink beside the box of option " + k + " (a circle round the box, or a mark outside it)");
            }
        }
        return out;
    }

    /** Share of a band's inked columns holding two separate lines up to which it may hold one (a loop's ends overlapping). */
    static final double ONE_LINE = 0.12;

    /**
     * Rows circled by loops left open at the left end: both arcs, and no line beside the box or
     * through it. Each loop puts one line in the band above its row and one in the band below.
     * A band holding two lines for more than {@link #ONE_LINE} of the way holds two arcs; one
     * holding one line may hold one arc, or two run into each other; an empty band none. The
     * rows circled are those with a line beside or through the box, and any of the rows whose
     * two arcs are joined round the row's end ({@link #joined}: a line under one row and another
     * under the next are not a loop) that together explain every band. They are taken only when
     * one such set of rows explains every band; a band too faint or short to count, or two ways
     * to explain the bands, leaves the page to a person, as before.
     */
    private static void openLoops(GrayPage page, PageAlignment map, ReplyFormLayout layout, double[] band, boolean[] circled,
            java.util.function.IntPredicate joinedRound) {
        int n = layout.options();
        int[][] allowed = new int[n + 1][];
        for (int j = 0; j <= n; j++) {
            if (band[j] <= SPECKS) {
                allowed[j] = new int[] {0};
            } else if (band[j] < ARC) {
                // what a fax left of a faint loop, or a short line: another loop may have been lost with it
                return;
            } else {
                double[] zone = band(layout, j);
                allowed[j] = twoLines(page, map, ReplyFormLayout.TEXT_X, BAND_TO, zone[0], zone[1]) > ONE_LINE
                        ? new int[] {2} : new int[] {1, 2};
            }
        }
        List<Integer> free = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            if (!circled[k] && band[k - 1] >= SOLID_ARC && band[k] >= SOLID_ARC && joinedRound.test(k)) {
                free.add(k);
            }
        }
        boolean[] found = null;
        for (int subset = 0; subset < 1 << free.size(); subset++) {
            boolean[] rows = circled.clone();
            for (int f = 0; f < free.size(); f++) {
                rows[free.get(f)] = (subset >> f & 1) == 1;
            }
            if (explains(rows, allowed)) {
                if (found != null) {
                    return;
                }
                found = rows;
            }
        }
        if (found != null) {
            System.arraycopy(found, 1, circled, 1, n);
        }
    }

    /** Whether loops round {@code rows} put in every band a number of lines it allows. */
    private static boolean explains(boolean[] rows, int[][] allowed) {
        int n = allowed.length - 1;
        for (int j = 0; j <= n; j++) {
            int lines = (j >= 1 && rows[j] ? 1 : 0) + (j < n && rows[j + 1] ? 1 : 0);
            if (java.util.Arrays.stream(allowed[j]).noneMatch(a -> a == lines)) {
                return false;
            }
        }
        return true;
    }

    /** Ink in a band up to which it is specks (dust, a fax's noise), not what is left of a line. */
    static final double SPECKS = 0.01;
    /**
     * Share of each band an open loop's arcs must ink for the row to be taken as circled: a loop
     * whose arcs a fax kept only in dots goes to a person, with the other marks of its page.
     */
    static final double SOLID_ARC = 0.3;

    /** How far right of the printed text a loop may turn round. */
    private static final double LOOP_TO = 205;

    /**
     * Whether ink in the band above row k is joined to ink in the band below it by ink crossing
     * the row (followed cell by cell): the two arcs of one loop.
     */
    static boolean joined(GrayPage page, PageAlignment map, ReplyFormLayout layout, int k) {
        double[] above = band(layout, k - 1);
        double[] below = band(layout, k);
        double gx0 = LEFT_FROM;
        double gy0 = above[0];
        int w = (int) Math.ceil((LOOP_TO - gx0) / TRACE);
        int h = (int) Math.ceil((below[1] - gy0) / TRACE);
        boolean[] ink = new boolean[w * h];
        boolean[] reached = new boolean[w * h];
        int[] stack = new int[w * h];
        int top = 0;
        int firstBelow = (int) ((below[0] - gy0) / TRACE);
        int lastAbove = (int) ((above[1] - gy0) / TRACE);
        int textColumn = (int) ((ReplyFormLayout.TEXT_X - gx0) / TRACE);
        for (int cy = 0; cy < h; cy++) {
            for (int cx = 0; cx < w; cx++) {
                int i = cy * w + cx;
                ink[i] = anyDark(page, map, gx0 + cx * TRACE, gy0 + cy * TRACE);
                if (ink[i] && cy <= lastAbove && cx >= textColumn) {
                    reached[i] = true;
                    stack[top++] = i;
                }
            }
        }
        spread(ink, reached, stack, top, w);
        for (int cy = Math.max(0, firstBelow); cy < h; cy++) {
            for (int cx = textColumn; cx < w; cx++) {
                if (reached[cy * w + cx]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether any of the cell's area holds ink (a fax's one-pixel line passes between the cell's middles). */
    private static boolean anyDark(GrayPage page, PageAlignment map, double x0, double y0) {
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                if (dark(page, map, x0 + (i + 0.5) * TRACE / 3, y0 + (j + 0.5) * TRACE / 3)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Spreads {@code reached} from the {@code top} cells on {@code stack} to every ink cell joined
     * to them (8-connected) on a grid {@code w} cells wide.
     */
    private static void spread(boolean[] ink, boolean[] reached, int[] stack, int top, int w) {
        int h = ink.length / w;
        while (top > 0) {
            int c = stack[--top];
            int x = c % w;
            int y = c / w;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int nx = x + dx;
                    int ny = y + dy;
                    int i = ny * w + nx;
                    if (nx >= 0 && ny >= 0 && nx < w && ny < h && ink[i] && !reached[i]) {
                        reached[i] = true;
                        stack[top++] = i;
                    }
                }
            }
        }
    }

    /** Share of a band's inked columns holding two separate lines from which it holds two. */
    static final double TWO_LINES = 0.3;
    /** Paper between two lines of one column, at least, for them to be two (a pencil's skip is shorter). */
    static final double LINE_GAP = 0.8;

    /**
     * Of the columns (every 0.3 mm from x0 to x1) with ink between y0 and y1, the share holding
     * two lines, one above the other with at least {@link #LINE_GAP} mm of paper between.
     */
    static double twoLines(GrayPage page, PageAlignment map, double x0, double x1, double y0, double y1) {
        int inked = 0;
        int twice = 0;
        double fine = fineStep(page);
        for (double x = x0; x <= x1; x += STEP) {
            int lines = 0;
            double lastInk = Double.NEGATIVE_INFINITY;
            for (double y = y0; y <= y1; y += fine) {
                if (dark(page, map, x, y)) {
                    if (y - lastInk >= LINE_GAP) {
                        lines++;
                    }
                    lastInk = y;
                }
            }
            inked += lines > 0 ? 1 : 0;
            twice += lines > 1 ? 1 : 0;
        }
        return inked == 0 ? 0 : (double) twice / inked;
    }

    /** Cell side of the grid on which ink is followed from a box to beside its neighbour. */
    private static final double TRACE = 0.2;

    /**
     * The share of rows of a zone beside box k (from x0 to x1 mm) holding ink that no mark of a
     * neighbouring box explains. A tick's tail starts in its box and leaves it, often up and to
     * the right into the zone beside the box above: followed cell by cell from the ink inside
     * a box that holds a mark (through its outline, where the pen crossed it), that ink belongs
     * to the mark, not to the box it lies beside.
     */
    static double unowned(GrayPage page, PageAlignment map, ReplyFormLayout layout, List<BoxReading> boxes, int k,
            double x0, double x1) {
        ReplyFormLayout.Box box = layout.optionBox(k);
        double gx0 = LEFT_FROM;
        double gx1 = ReplyFormLayout.TEXT_X - 0.5;
        double gy0 = box.y() - layout.rowHeight();
        double gy1 = box.y() + box.size() + layout.rowHeight();
        int w = (int) Math.ceil((gx1 - gx0) / TRACE);
        int h = (int) Math.ceil((gy1 - gy0) / TRACE);
        boolean[] ink = new boolean[w * h];
        boolean[] owned = new boolean[w * h];
        int[] stack = new int[w * h];
        int top = 0;
        for (int cy = 0; cy < h; cy++) {
            for (int cx = 0; cx < w; cx++) {
                double x = gx0 + (cx + 0.5) * TRACE;
                double y = gy0 + (cy + 0.5) * TRACE;
                int i = cy * w + cx;
                ink[i] = anyDark(page, map, gx0 + cx * TRACE, gy0 + cy * TRACE);
                if (ink[i] && insideMarked(layout, boxes, k, x, y)) {
                    owned[i] = true;
                    stack[top++] = i;
                }
            }
        }
        spread(ink, owned, stack, top, w);
        int rows = 0;
        int inked = 0;
        for (double y = box.y() + 0.3; y <= box.y() + box.size() - 0.3; y += STEP) {
            rows++;
            int cy = (int) ((y - gy0) / TRACE);
            for (double x = x0; x <= x1; x += TRACE) {
                int i = cy * w + (int) ((x - gx0) / TRACE);
                if (i >= 0 && i < ink.length && ink[i] && !owned[i]) {
                    inked++;
                    break;
                }
            }
        }
        return rows == 0 ? 0 : (double) inked / rows;
    }

    /** Whether (x, y) lies inside (clear of the outline) a box of row k−1, k or k+1 that holds a mark. */
    private static boolean insideMarked(ReplyFormLayout layout, List<BoxReading> boxes, int k, double x, double y) {
        for (int j = Math.max(1, k - 1); j <= Math.min(layout.options(), k + 1); j++) {
            ReplyFormLayout.Box b = layout.optionBox(j);
            if (boxes.get(j - 1).state() != BoxReading.State.EMPTY && x > b.x() + 0.6 && x < b.x() + b.size() - 0.6
                    && y > b.y() + 0.6 && y < b.y() + b.size() - 0.6) {
                return true;
            }
        }
        return false;
    }

    /**
     * The blank band above row j+1 (j = 0: above the first row; j = n: below the last), from
     * a little below the text of the row above to a little above the text of the row below: a
     * circle's arc runs anywhere in it, close to the text or far out. Text reaches about 0.88 of
     * its size above its baseline and 0.2 below.
     */
    static double[] band(ReplyFormLayout layout, int j) {
        double boundary = layout.firstRowTop() + j * layout.rowHeight();
        double em = layout.optionTextSize() * 25.4 / 72;
        double textAbove = j == 0 ? boundary - BAND_OUTER : layout.optionBaseline(j) + 0.2 * em + TEXT_CLEARANCE;
        double textBelow = j == layout.options() ? boundary + BAND_OUTER : layout.optionBaseline(j + 1) - 0.88 * em - TEXT_CLEARANCE;
        return new double[] {textAbove, textBelow};
    }

    /** Kept clear of the printed text (and a misaligned scan's shift). */
    static final double TEXT_CLEARANCE = 0.5;
    /** Above the first row and below the last, the band reaches as far as between two rows. */
    static final double BAND_OUTER = 2.5;

    /**
     * The share of the outline just outside a box (0.7 to 2.2 mm beyond its edges) that holds
     * ink: a box scribbled over is inked all round; a tick that overshoots touches a little.
     */
    static double frame(GrayPage page, PageAlignment map, ReplyFormLayout.Box box) {
        double x0 = box.x();
        double y0 = box.y();
        double s = box.size();
        int positions = 0;
        int inked = 0;
        for (double t = 0; t <= s; t += STEP) {
            inked += outward(page, map, x0 + t, y0, 0, -1) ? 1 : 0;          // above
            inked += outward(page, map, x0 + t, y0 + s, 0, 1) ? 1 : 0;      // below
            inked += outward(page, map, x0, y0 + t, -1, 0) ? 1 : 0;          // left
            inked += outward(page, map, x0 + s, y0 + t, 1, 0) ? 1 : 0;      // right
            positions += 4;
        }
        return (double) inked / positions;
    }

    private static boolean outward(GrayPage page, PageAlignment map, double x, double y, int dx, int dy) {
        for (double d = 0.7; d <= 2.2; d += 0.12) {
            if (dark(page, map, x + dx * d, y + dy * d)) {
                return true;
            }
        }
        return false;
    }

    /** The share of columns (every 0.3 mm from x0 to x1) with ink anywhere between y0 and y1. */
    static double across(GrayPage page, PageAlignment map, double x0, double x1, double y0, double y1) {
        int columns = 0;
        int inked = 0;
        double fine = fineStep(page);
        for (double x = x0; x <= x1; x += STEP) {
            columns++;
            for (double y = y0; y <= y1; y += fine) {
                if (dark(page, map, x, y)) {
                    inked++;
                    break;
                }
            }
        }
        return columns == 0 ? 0 : (double) inked / columns;
    }

    /** The share of rows (every 0.3 mm from y0 to y1) with ink anywhere between x0 and x1. */
    static double down(GrayPage page, PageAlignment map, double x0, double x1, double y0, double y1) {
        int rows = 0;
        int inked = 0;
        double fine = fineStep(page);
        for (double y = y0; y <= y1; y += STEP) {
            rows++;
            for (double x = x0; x <= x1; x += fine) {
                if (dark(page, map, x, y)) {
                    inked++;
                    break;
                }
            }
        }
        return rows == 0 ? 0 : (double) inked / rows;
    }

    /** About one pixel, so that a thin stroke is never stepped over. */
    private static double fineStep(GrayPage page) {
        return Math.min(0.15, 0.9 / page.pxPerMm());
    }

    private static boolean dark(GrayPage page, PageAlignment map, double x, double y) {
        double[] p = map.toPixel(x, y);
        return page.gray((int) Math.round(p[0]), (int) Math.round(p[1])) < DARK;
    }
}
