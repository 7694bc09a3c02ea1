package jp.ofuku.scan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jp.ofuku.letters.ReplyFormLayout;

/**
 * Where the form is on the page: found from its four solid corner marks, as an affine map from
 * the layout's millimetres to the page's pixels. Rotation of a few degrees, scale, shift and
 * an upside-down page are all the same problem: which mark is which, and where.
 */
public final class PageAlignment {

    private final double a, b, c, d, e, f; // x = a*mx + b*my + c ; y = d*mx + e*my + f

    private PageAlignment(double a, double b, double c, double d, double e, double f) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.d = d;
        this.e = e;
        this.f = f;
    }

    /** Pixel position of a point given in layout millimetres. */
    public double[] toPixel(double mmX, double mmY) {
        return new double[] {a * mmX + b * mmY + c, d * mmX + e * mmY + f};
    }

    /** The same alignment turned half a turn: for a page fed upside down. */
    public PageAlignment upsideDown() {
        // mm (x, y) on the form maps to where (210 - x, 297 - y) maps now
        return new PageAlignment(-a, -b, a * 210 + b * 297 + c, -d, -e, d * 210 + e * 297 + f);
    }

    /** Finds the four corner marks; empty when the page does not have them (not our form, or too damaged). */
    public static Optional<PageAlignment> find(GrayPage page) {
        double mm = page.pxPerMm();
        double markPx = ReplyFormLayout.CORNER_MARK * mm;
        int w = page.width();
        int h = page.height();
        int rw = (int) (w * 0.22);
        int rh = (int) (h * 0.16);
        double[][] centres = new double[4][];
        int[][] regions = {{0, 0}, {w - rw, 0}, {0, h - rh}, {w - rw, h - rh}};
        for (int i = 0; i < 4; i++) {
            Optional<double[]> mark = findMark(page, regions[i][0], regions[i][1], rw, rh, markPx);
            if (mark.isEmpty()) {
                return Optional.empty();
            }
            centres[i] = mark.get();
        }
        List<ReplyFormLayout.Box> marks = new ReplyFormLayout(false, 12).cornerMarks();
        double half = ReplyFormLayout.CORNER_MARK / 2;
        double[][] layout = new double[4][];
        for (int i = 0; i < 4; i++) {
            layout[i] = new double[] {marks.get(i).x() + half, marks.get(i).y() + half};
        }
        return Optional.of(fit(layout, centres));
    }

    /** The centre of the largest solid, roughly square dark blob of about the mark's size in a region. */
    private static Optional<double[]> findMark(GrayPage page, int x0, int y0, int rw, int rh, double markPx) {
        boolean[] seen = new boolean[rw * rh];
        double best = 0;
        double[] centre = null;
        ArrayDeque<int[]> queue = new ArrayDeque<>();
        for (int y = 0; y < rh; y++) {
            for (int x = 0; x < rw; x++) {
                if (seen[y * rw + x] || !page.dark(x0 + x, y0 + y)) {
                    continue;
                }
                long count = 0;
                long sx = 0;
                long sy = 0;
                int minX = x, maxX = x, minY = y, maxY = y;
                queue.add(new int[] {x, y});
                seen[y * rw + x] = true;
                while (!queue.isEmpty()) {
                    int[] p = queue.poll();
                    count++;
                    sx += p[0];
                    sy += p[1];
                    minX = Math.min(minX, p[0]);
                    maxX = Math.max(maxX, p[0]);
                    minY = Math.min(minY, p[1]);
                    maxY = Math.max(maxY, p[1]);
                    int[][] next = {{p[0] + 1, p[1]}, {p[0] - 1, p[1]}, {p[0], p[1] + 1}, {p[0], p[1] - 1}};
                    for (int[] n : next) {
                        if (n[0] >= 0 && n[1] >= 0 && n[0] < rw && n[1] < rh && !seen[n[1] * rw + n[0]]
                                && page.dark(x0 + n[0], y0 + n[1])) {
                            seen[n[1] * rw + n[0]] = true;
                            queue.add(n);
                        }
                    }
                }
                double bw = maxX - minX + 1;
                double bh = maxY - minY + 1;
                double fill = count / (bw * bh);
                boolean markSized = bw > markPx * 0.6 && bw < markPx * 1.6 && bh > markPx * 0.6 && bh < markPx * 1.6;
                // a square rotated by a few degrees still fills most of its bounding box
                if (markSized && fill > 0.7 && count > best) {
                    best = count;
                    centre = new double[] {x0 + (double) sx / count, y0 + (double) sy / count};
                }
            }
        }
        return Optional.ofNullable(centre);
    }

    /** Least-squares affine map from four layout points to four page points. */
    static PageAlignment fit(double[][] mm, double[][] px) {
        double[] xs = solve(mm, px, 0);
        double[] ys = solve(mm, px, 1);
        return new PageAlignment(xs[0], xs[1], xs[2], ys[0], ys[1], ys[2]);
    }

    private static double[] solve(double[][] mm, double[][] px, int axis) {
        double[][] m = new double[3][4];
        for (int i = 0; i < mm.length; i++) {
            double[] row = {mm[i][0], mm[i][1], 1};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    m[r][c] += row[r] * row[c];
                }
                m[r][3] += row[r] * px[i][axis];
            }
        }
        for (int col = 0; col < 3; col++) {
            int pivot = col;
            for (int r = col + 1; r < 3; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = 0; r < 3; r++) {
                if (r != col) {
                    double factor = m[r][col] / m[col][col];
                    for (int c = col; c < 4; c++) {
                        m[r][c] -= factor * m[col][c];
                    }
                }
            }
        }
        return new double[] {m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]};
    }

    /** The largest residual, in pixels, of the four marks against the fitted map: how well the page fits. */
    static List<Double> residuals(PageAlignment map, double[][] mm, double[][] px) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < mm.length; i++) {
            double[] p = map.toPixel(mm[i][0], mm[i][1]);
            out.add(Math.hypot(p[0] - px[i][0], p[1] - px[i][1]));
        }
        return out;
    }
}
