package jp.ofuku.scan;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

import jp.ofuku.letters.ReplyFormLayout;

/**
 * Where the form is on the page: found from its four solid corner marks, as a projective map
 * from the layout's millimetres to the page's pixels. Rotation of a few degrees, scale, shift and
 * an upside-down page are all the same problem: which mark is which, and where.
 */
public final class PageAlignment {

    private final Homography map;
    /** Set when one corner mark lay beyond the picture's edge and was placed from the other three. */
    private final boolean threeMarks;

    private PageAlignment(Homography map, boolean threeMarks) {
        this.map = map;
        this.threeMarks = threeMarks;
    }

    /**
     * Whether the map was made from three corner marks, the fourth cut off by the picture's edge
     * (a sheet fed askew into a fax): right for a flat page, so every box the form prints must
     * then be found where the map puts it ({@link #linedUp}) before the page is read.
     */
    public boolean fromThreeMarks() {
        return threeMarks;
    }

    /** Whether every one of {@code boxes}' printed outlines is found where this map puts it. */
    public boolean linedUp(GrayPage page, List<ReplyFormLayout.Box> boxes) {
        return boxes.stream().allMatch(b -> outline(page, this, b) >= LINED_UP);
    }

    /** Pixel position of a point given in layout millimetres. */
    public double[] toPixel(double mmX, double mmY) {
        return map.apply(mmX, mmY);
    }

    /** Pixels a rectangle of the layout covers on the page, whole pixels, whatever the page's turn. */
    public record Bounds(int x0, int y0, int x1, int y1) {
        public int width() {
            return Math.max(1, x1 - x0);
        }

        public int height() {
            return Math.max(1, y1 - y0);
        }
    }

    /** The pixel bounding box of the layout's rectangle at ({@code x}, {@code y}) mm, {@code w} × {@code h} mm. */
    public Bounds pixelBounds(double x, double y, double w, double h) {
        double[][] corners = {toPixel(x, y), toPixel(x + w, y), toPixel(x, y + h), toPixel(x + w, y + h)};
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (double[] c : corners) {
            x0 = Math.min(x0, c[0]);
            y0 = Math.min(y0, c[1]);
            x1 = Math.max(x1, c[0]);
            y1 = Math.max(y1, c[1]);
        }
        return new Bounds((int) Math.floor(x0), (int) Math.floor(y0), (int) Math.ceil(x1), (int) Math.ceil(y1));
    }

    /** The same alignment turned half a turn: for a page fed upside down. */
    public PageAlignment upsideDown() {
        // mm (x, y) on the form maps to where (210 - x, 297 - y) maps now
        return new PageAlignment(map.afterAffine(-1, 0, 210, 0, -1, 297), threeMarks);
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
        int missing = -1;
        for (int i = 0; i < 4; i++) {
            Optional<double[]> mark = findMark(page, regions[i][0], regions[i][1], rw, rh, markPx, i % 2 == 1, i >= 2);
            if (mark.isEmpty()) {
                if (missing >= 0) {
                    return Optional.empty();
                }
                missing = i;
            } else {
                centres[i] = mark.get();
            }
        }
        if (missing >= 0) {
            // corners 0 1 / 2 3: the missing one completes the parallelogram of the other three (a flat page), and
            // must lie where the picture cuts it off; anywhere else the page is not ours, or too damaged
            int opposite = 3 - missing;
            int a = missing ^ 1;
            int b = missing ^ 2;
            double[] placed = {centres[a][0] + centres[b][0] - centres[opposite][0], centres[a][1] + centres[b][1] - centres[opposite][1]};
            boolean cut = placed[0] < markPx || placed[1] < markPx || placed[0] > w - 1 - markPx || placed[1] > h - 1 - markPx;
            if (!cut) {
                return Optional.empty();
            }
            centres[missing] = placed;
        }
        List<ReplyFormLayout.Box> marks = new ReplyFormLayout(false, 12).cornerMarks();
        double half = ReplyFormLayout.CORNER_MARK / 2;
        double[][] layout = new double[4][];
        for (int i = 0; i < 4; i++) {
            layout[i] = new double[] {marks.get(i).x() + half, marks.get(i).y() + half};
        }
        // a projective map from the marks' layout points to where they were found: turns, scales, shifts,
        // unequal pixel sizes and the slant of a photographed sheet alike
        PageAlignment map = new PageAlignment(Homography.through(layout, centres), missing >= 0);
        // four blobs that are not the corner marks fit too: the box of option 1, printed on every
        // form, must lie where the map says (either way up)
        ReplyFormLayout.Box first = new ReplyFormLayout(false, 1).optionBox(1);
        if (outline(page, map, first) < LINED_UP && outline(page, map.upsideDown(), first) < LINED_UP) {
            return Optional.empty();
        }
        return Optional.of(map);
    }

    /** Share of a box's printed outline that must be found where the map puts it. */
    static final double LINED_UP = 0.6;

    /** The share of points along a box's outline with ink within half a millimetre of where the map puts them. */
    static double outline(GrayPage page, PageAlignment map, ReplyFormLayout.Box box) {
        int points = 0;
        int inked = 0;
        double s = box.size();
        for (double t = 0.5; t <= s - 0.5; t += 0.5) {
            double[][] edges = {{box.x() + t, box.y(), 0, 1}, {box.x() + t, box.y() + s, 0, 1}, {box.x(), box.y() + t, 1, 0},
                    {box.x() + s, box.y() + t, 1, 0}};
            for (double[] e : edges) {
                points++;
                for (double d = -0.6; d <= 0.6; d += 0.1) {
                    double[] p = map.toPixel(e[0] + e[2] * d, e[1] + e[3] * d);
                    if (page.gray((int) Math.round(p[0]), (int) Math.round(p[1])) < 170) {
                        inked++;
                        break;
                    }
                }
            }
        }
        return (double) inked / points;
    }

    /**
     * The centre of the solid, roughly square dark blob of about the mark's size nearest the
     * page's corner in a region: the corner marks are the outermost print on the form (a QR
     * code's finder pattern, blurred solid by a phone, is further in).
     */
    private static Optional<double[]> findMark(GrayPage page, int x0, int y0, int rw, int rh, double markPx, boolean right,
            boolean bottom) {
        boolean[] seen = new boolean[rw * rh];
        double best = Double.MAX_VALUE;
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
                // a blob cut by the region's edge is not a whole mark; one at the picture's edge is what lies beyond the sheet
                boolean whole = minX > 0 && minY > 0 && maxX < rw - 1 && maxY < rh - 1;
                // a square rotated by a few degrees still fills most of its bounding box
                if (markSized && whole && fill > 0.7) {
                    double cx = (double) sx / count;
                    double cy = (double) sy / count;
                    double fromCorner = (right ? rw - cx : cx) + (bottom ? rh - cy : cy);
                    if (fromCorner < best) {
                        best = fromCorner;
                        centre = new double[] {x0 + cx, y0 + cy};
                    }
                }
            }
        }
        return Optional.ofNullable(centre);
    }
}
