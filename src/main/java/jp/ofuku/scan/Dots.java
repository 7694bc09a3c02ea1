package jp.ofuku.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jp.ofuku.letters.ReplyFormLayout;

/**
 * What a fax's black-and-white threshold leaves of a light pencil line: a trail of dots. Ink,
 * and a firm pencil, come through a fax as lines; a pencil line about as light as the fax's
 * black level comes through as dots, and a lighter one not at all. A form holding such a trail
 * was marked with a pencil the fax only just saw, so another of its marks, drawn a little
 * lighter, may have been lost whole: the page goes to a person, whatever else it says.
 *
 * <p>Dots are looked for where the form prints nothing: inside every box (clear of its outline)
 * and in the bands between the rows of options (clear of the text). A fax's noise leaves a
 * speck here and there, and a pen lifting from a line the fax kept whole a dot or two at its
 * end; a trail is many dots in one box or one band, making up most of its ink.
 */
final class Dots {

    /** A black patch spanning at most this, across and down (mm), is a dot. */
    static final double DOT = 0.6;
    /**
     * This many dots in one box or one band, holding at least {@link #MOSTLY} of its black
     * pixels, are a trail: a line the fax kept mostly in dots, not a fax's noise, and not the
     * few dots a pen leaves as it lifts from a line the fax kept whole.
     */
    static final int TRAIL = 6;
    static final double MOSTLY = 0.5;
    /** Zones are searched in pieces at most this long (mm): a fax turned 2° moves a piece's ends 0.2 mm. */
    private static final double PIECE = 5;
    /** Kept clear of a box's printed outline (0.35 mm wide) and of a misaligned page's shift. */
    private static final double INSET = 0.9;

    private Dots() {
    }

    /**
     * On a black-and-white page, one line naming every box and band that holds a trail of dots
     * (with how many), or nothing; always nothing on a gray page.
     */
    static Optional<String> trails(GrayPage page, PageAlignment map, ReplyFormLayout layout) {
        if (!page.bilevel()) {
            return Optional.empty();
        }
        List<String> found = new ArrayList<>();
        for (int k = 1; k <= layout.options(); k++) {
            inBox(page, map, layout.optionBox(k), "the box of option " + k, found);
        }
        inBox(page, map, layout.noneBox(), "the box for other dates", found);
        inBox(page, map, layout.declineBox(), "the box for declining", found);
        String[] needs = {"wheelchair", "interpreter", "large print"};
        for (int i = 0; i < needs.length; i++) {
            inBox(page, map, layout.needBox(i), "the " + needs[i] + " box", found);
        }
        for (int j = 0; j <= layout.options(); j++) {
            double[] zone = RowRings.band(layout, j);
            Ink ink = count(page, map, ReplyFormLayout.TEXT_X, zone[0], RowRings.BAND_TO, zone[1]);
            if (ink.trail()) {
                found.add((j == 0 ? "above row 1" : j == layout.options() ? "below row " + j
                        : "between rows " + j + " and " + (j + 1)) + " (" + ink.dots() + ")");
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of("dots of ink " + places(found)
                + ": a line the fax kept only in part (light pencil?), so a lighter mark may have been lost whole;"
                + " if in doubt, ask the resident");
    }

    /** The first three places, and how many more: the note is the line a person reads first. */
    static String places(List<String> found) {
        return found.size() <= 3 ? String.join(", ", found)
                : String.join(", ", found.subList(0, 3)) + " and in " + (found.size() - 3) + " more place"
                        + (found.size() == 4 ? "" : "s");
    }

    private static void inBox(GrayPage page, PageAlignment map, ReplyFormLayout.Box box, String name, List<String> found) {
        Ink ink = count(page, map, box.x() + INSET, box.y() + INSET, box.x() + box.size() - INSET, box.y() + box.size() - INSET);
        if (ink.trail()) {
            found.add("in " + name + " (" + ink.dots() + ")");
        }
    }

    /** The dots with a pixel in a rectangle of the layout, and the black pixels in it. */
    record Ink(int dots, int dotPixels, int pixels) {
        double dotShare() {
            return pixels == 0 ? 0 : (double) dotPixels / pixels;
        }

        boolean trail() {
            return dots >= TRAIL && dotShare() >= MOSTLY;
        }
    }

    /** The dots with a pixel in the layout's rectangle from (x0, y0) to (x1, y1) mm. */
    static Ink count(GrayPage page, PageAlignment map, double x0, double y0, double x1, double y1) {
        int size = Math.max(1, (int) Math.round(DOT * page.pxPerMm()));
        int reach = size + 1;
        PageAlignment.Bounds all = map.pixelBounds(x0, y0, x1 - x0, y1 - y0);
        int ox = all.x0() - reach;
        int oy = all.y0() - reach;
        int w = all.width() + 2 * reach + 1;
        int h = all.height() + 2 * reach + 1;
        // made only once a black pixel is met (most boxes and bands hold none): COUNTED, and SEEN once followed
        byte[] state = null;
        Patch patch = null;
        int dots = 0;
        int dotPixels = 0;
        int pixels = 0;
        int across = Math.max(1, (int) Math.ceil((x1 - x0) / PIECE));
        int down = Math.max(1, (int) Math.ceil((y1 - y0) / PIECE));
        double pw = (x1 - x0) / across;
        double ph = (y1 - y0) / down;
        for (int a = 0; a < across; a++) {
            for (int d = 0; d < down; d++) {
                PageAlignment.Bounds piece = map.pixelBounds(x0 + a * pw, y0 + d * ph, pw, ph);
                for (int y = piece.y0(); y < piece.y1(); y++) {
                    for (int x = piece.x0(); x < piece.x1(); x++) {
                        int i = (y - oy) * w + (x - ox);
                        if (i < 0 || i >= w * h || !page.dark(x, y) || (state != null && (state[i] & COUNTED) != 0)) {
                            continue;
                        }
                        if (state == null) {
                            state = new byte[w * h];
                            patch = new Patch(reach);
                        }
                        state[i] |= COUNTED;
                        pixels++;
                        if ((state[i] & SEEN) == 0) {
                            boolean dot = patch.follow(page, x, y, size);
                            patch.mark(state, ox, oy, w, h);
                            if (dot) {
                                dots++;
                                dotPixels += patch.followed;
                            }
                        }
                    }
                }
            }
        }
        return new Ink(dots, dotPixels, pixels);
    }

    private static final byte COUNTED = 1;
    private static final byte SEEN = 2;

    /** The black pixels joined to one (8-connected), followed only within a small window round it. */
    private static final class Patch {
        private final int reach;
        private final int side;
        private final boolean[] reached;
        private final int[] stack;
        private int cx;
        /** Pixels last followed. */
        int followed;
        private int cy;

        Patch(int reach) {
            this.reach = reach;
            this.side = 2 * reach + 1;
            this.reached = new boolean[side * side];
            this.stack = new int[side * side];
        }

        /** Whether the black patch at (x, y) spans at most {@code size} pixels either way and ends within the window. */
        boolean follow(GrayPage page, int x, int y, int size) {
            java.util.Arrays.fill(reached, false);
            cx = x;
            cy = y;
            int top = 0;
            followed = 0;
            int start = reach * side + reach;
            reached[start] = true;
            stack[top++] = start;
            int minX = reach;
            int maxX = reach;
            int minY = reach;
            int maxY = reach;
            boolean small = true;
            while (top > 0) {
                int c = stack[--top];
                followed++;
                int px = c % side;
                int py = c / side;
                minX = Math.min(minX, px);
                maxX = Math.max(maxX, px);
                minY = Math.min(minY, py);
                maxY = Math.max(maxY, py);
                if (maxX - minX + 1 > size || maxY - minY + 1 > size) {
                    small = false;
                }
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = px + dx;
                        int ny = py + dy;
                        if (nx < 0 || ny < 0 || nx >= side || ny >= side) {
                            // runs on beyond the window: part of something larger
                            small &= !page.dark(cx - reach + nx, cy - reach + ny);
                            continue;
                        }
                        int n = ny * side + nx;
                        if (!reached[n] && page.dark(cx - reach + nx, cy - reach + ny)) {
                            reached[n] = true;
                            stack[top++] = n;
                        }
                    }
                }
            }
            return small;
        }

        /** Marks the pixels last followed as seen in {@code state}, a grid of {@code w} × {@code h} pixels from (ox, oy). */
        void mark(byte[] state, int ox, int oy, int w, int h) {
            for (int i = 0; i < reached.length; i++) {
                if (reached[i]) {
                    int x = cx - reach + i % side - ox;
                    int y = cy - reach + i / side - oy;
                    if (x >= 0 && y >= 0 && x < w && y < h) {
                        state[y * w + x] |= SEEN;
                    }
                }
            }
        }
    }
}
