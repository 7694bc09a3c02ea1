package jp.ofuku.scan;

import jp.ofuku.letters.ReplyFormLayout;

/**
 * The resident's strokes inside a box, as strokes rather than as a share of darkness: a thin
 * ballpoint tick or a light pencil line darkens little of an 8 mm box, but it is a long,
 * connected line, which dust, a JPEG's ripples and a fax's noise never are. The inside of the
 * box (kept clear of its printed outline) is cut into cells of {@link #CELL} mm; a cell holds
 * ink when any of its pixels is darker than {@link #INK}, lighter than any stroke of ink and
 * than most pencil, darker than paper evened out. Connected cells are one stroke.
 *
 * @param inkCells cells holding ink, in all
 * @param longest the longest stroke's reach (the larger side of what it spans), in mm
 * @param longestCells the cells of that stroke
 * @param hugsEdge the longest stroke lies along the edge of the measured square (a printed
 *        outline a misaligned scan pushed inside, not a mark)
 * @param specks groups spanning at most {@link #SPECK} mm (dust)
 * @param beyondSpecks cells in larger groups
 * @param bilevel read from a black-and-white page (a fax), where a speck may be what is left of a line
 */
record BoxStrokes(int inkCells, double longest, int longestCells, boolean hugsEdge, int specks, int beyondSpecks,
        boolean bilevel) {

    /** Cell side, in mm. */
    static final double CELL = 0.2;
    /** Kept clear of the printed outline (0.35 mm wide) and of a misaligned scan's shift. */
    static final double INSET = 0.9;
    /** Darker than this is ink: paper evened out is near 255; a light pencil through a fax or a phone's JPEG about 200. */
    static final int INK = 215;
    /** … and at least this far below the paper round it. */
    static final int BELOW_PAPER = 40;

    /** A stroke this long (in mm), connected, is a mark whatever share of the box it darkens. */
    static final double STROKE = 2.6;
    /** … and made of at least this many cells (a line, not two specks far apart). */
    static final int STROKE_CELLS = 10;
    /** On a fax, at most this many cells of ink and the box may still be empty (a fax's noise). */
    static final int SPECKS = 2;
    /**
     * On a gray page (a scan, a photo), a group of cells spanning at most this (in mm) is a speck
     * (dust); a faint line is not broken up on a gray page as a fax's threshold breaks it, so it
     * spans more. At most {@link #GRAY_SPECKS} specks.
     */
    static final double SPECK = 0.81;
    static final int GRAY_SPECKS = 4;

    static BoxStrokes measure(GrayPage page, PageAlignment map, ReplyFormLayout.Box box) {
        int n = (int) Math.floor((box.size() - 2 * INSET) / CELL);
        boolean[] ink = new boolean[n * n];
        // each cell looks a little beyond itself, so that a dotted line (a pencil a fax kept in part) stays one line
        int reach = Math.max(1, (int) Math.floor(CELL / 2 * page.pxPerMm()));
        int inkCells = 0;
        int[] at = new int[2 * n * n];
        int[] histogram = new int[256];
        for (int cy = 0; cy < n; cy++) {
            for (int cx = 0; cx < n; cx++) {
                double[] p = map.toPixel(box.x() + INSET + (cx + 0.5) * CELL, box.y() + INSET + (cy + 0.5) * CELL);
                at[2 * (cy * n + cx)] = (int) Math.round(p[0]);
                at[2 * (cy * n + cx) + 1] = (int) Math.round(p[1]);
                histogram[page.gray(at[2 * (cy * n + cx)], at[2 * (cy * n + cx) + 1])]++;
            }
        }
        // the paper inside this box (a photo's shadow leaves it gray even once evened out): ink is well below it
        int paper = 255;
        for (int seen = 0; paper > 0; paper--) {
            seen += histogram[paper];
            if (seen > n * n / 3) {
                break;
            }
        }
        int level = Math.min(INK, paper - BELOW_PAPER);
        for (int cy = 0; cy < n; cy++) {
            for (int cx = 0; cx < n; cx++) {
                int px = at[2 * (cy * n + cx)];
                int py = at[2 * (cy * n + cx) + 1];
                int dark = 0;
                for (int dy = -reach; dy <= reach; dy++) {
                    for (int dx = -reach; dx <= reach; dx++) {
                        dark += page.gray(px + dx, py + dy) < level ? 1 : 0;
                    }
                }
                // on a fax any black pixel counts; on a gray page one dark pixel alone is dust
                if (dark >= (page.bilevel() ? 1 : 2)) {
                    ink[cy * n + cx] = true;
                    inkCells++;
                }
            }
        }
        // strokes: 8-connected cells of ink
        int[] label = new int[n * n];
        int[] stack = new int[n * n];
        double longest = 0;
        int longestCells = 0;
        boolean hugs = false;
        int specks = 0;
        int beyond = 0;
        int next = 0;
        for (int start = 0; start < ink.length; start++) {
            if (!ink[start] || label[start] != 0) {
                continue;
            }
            next++;
            int top = 0;
            stack[top++] = start;
            label[start] = next;
            int cells = 0;
            int x0 = n;
            int y0 = n;
            int x1 = -1;
            int y1 = -1;
            while (top > 0) {
                int c = stack[--top];
                cells++;
                int x = c % n;
                int y = c / n;
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (nx >= 0 && ny >= 0 && nx < n && ny < n && ink[ny * n + nx] && label[ny * n + nx] == 0) {
                            label[ny * n + nx] = next;
                            stack[top++] = ny * n + nx;
                        }
                    }
                }
            }
            double span = Math.max(x1 - x0 + 1, y1 - y0 + 1) * CELL;
            if (span <= SPECK) {
                specks++;
            } else {
                beyond += cells;
            }
            if (span > longest || (span == longest && cells > longestCells)) {
                longest = span;
                longestCells = cells;
                int thin = (int) Math.ceil(0.6 / CELL);
                hugs = (y1 - y0 < thin && (y0 == 0 || y1 == n - 1)) || (x1 - x0 < thin && (x0 == 0 || x1 == n - 1));
            }
        }
        return new BoxStrokes(inkCells, longest, longestCells, hugs, specks, beyond, page.bilevel());
    }

    /** A long connected line, not the printed outline: a mark. */
    boolean stroke() {
        return longest >= STROKE && longestCells >= STROKE_CELLS && !hugsEdge;
    }

    /** Nothing but a speck or two. */
    boolean clean() {
        return bilevel ? inkCells <= SPECKS : beyondSpecks == 0 && specks <= GRAY_SPECKS;
    }
}
