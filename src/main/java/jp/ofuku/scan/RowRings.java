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
    static final double ARC = 0.2;
    /** Share of a side zone's height that must be inked for a circle's side. */
    static final double SIDE = 0.25;
    /** Less than this in a band (or {@link #STRAY_SIDE} in a zone) is dust; more, unexplained, is stray ink. */
    static final double STRAY_BAND = 0.05;
    static final double STRAY_SIDE = 0.2;
    /** Half the height of the blank band at each row boundary, in mm. */
    static final double BAND_HALF = 1.3;
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
            double y = layout.firstRowTop() + j * layout.rowHeight();
            band[j] = across(page, map, ReplyFormLayout.TEXT_X, BAND_TO, y - BAND_HALF, y + BAND_HALF);
        }
        double[] left = new double[n + 1];
        double[] gap = new double[n + 1];
        boolean[] circled = new boolean[n + 1];
        for (int k = 1; k <= n; k++) {
            ReplyFormLayout.Box box = layout.optionBox(k);
            double top = box.y() + 0.3;
            double bottom = box.y() + box.size() - 0.3;
            left[k] = down(page, map, LEFT_FROM, box.x() - 0.7, top, bottom);
            gap[k] = down(page, map, box.x() + box.size() + 0.7, ReplyFormLayout.TEXT_X - 0.5, top, bottom);
            circled[k] = band[k - 1] >= ARC && band[k] >= ARC && Math.max(left[k], gap[k]) >= SIDE;
        }
        List<BoxReading> out = new ArrayList<>(boxes);
        for (int k = 1; k <= n; k++) {
            BoxReading b = boxes.get(k - 1);
            if (circled[k]) {
                out.set(k - 1, b.with(b.state() == BoxReading.State.UNSURE && !b.how().isEmpty() ? b.state()
                        : BoxReading.State.MARKED, b.how().isEmpty() || b.state() != BoxReading.State.MARKED
                        ? "row circled" : b.how() + ", row circled"));
            }
        }
        for (int j = 0; j <= n; j++) {
            boolean explained = (j >= 1 && circled[j]) || (j < n && circled[j + 1]);
            if (!explained && band[j] >= STRAY_BAND) {
                stray.add(String.format(Locale.ROOT, "ink between rows %d and %d (%.0f %% of the line)", j, j + 1, 100 * band[j]));
            }
        }
        for (int k = 1; k <= n; k++) {
            boolean explained = circled[k] || boxes.get(k - 1).state() != BoxReading.State.EMPTY;
            if (!explained && Math.max(left[k], gap[k]) >= STRAY_SIDE) {
                stray.add("ink beside the box of option " + k + " (a circle round the box, or a mark outside it)");
            }
        }
        return out;
    }

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
