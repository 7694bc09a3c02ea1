package jp.ofuku.scan;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

import jp.ofuku.letters.ReplyFormLayout;

/**
 * Draws a resident's marks onto a rendered form page, as a hand with a pen would: never twice
 * the same size, place or pressure.
 */
public final class MarkPen {

    /**
     * The marks that answer "yes": in the box (tick, cross, filled in) or a circle drawn round
     * the option's whole row. {@link #SCRIBBLE} is not an answer: a box blacked out over its
     * edges, which a person must look at.
     */
    public enum Style {
        TICK, CROSS, FILL, CIRCLE, SCRIBBLE;

        /** The styles that mean "this one". */
        public static final Style[] ANSWERS = {TICK, CROSS, FILL, CIRCLE};
    }

    private final BufferedImage page;
    private final double pxPerMm;
    private final SplittableRandom random;

    public MarkPen(BufferedImage page, double dpi) {
        this(page, dpi, new SplittableRandom(1));
    }

    public MarkPen(BufferedImage page, double dpi, SplittableRandom random) {
        this.page = page;
        this.pxPerMm = dpi / 25.4;
        this.random = random;
    }

    /**
     * A mark on a box (for {@link Style#CIRCLE}, round the row the box begins); {@code jitter}
     * (−1..1) moves and sizes it a little more, as no two hands are alike.
     */
    public void mark(ReplyFormLayout.Box box, Style style, double penMm, int gray, double jitter) {
        Graphics2D g = page.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(gray, gray, gray));
        g.setStroke(new BasicStroke((float) (penMm * pxPerMm), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double size = box.size() * random.nextDouble(0.75, 1.2);
        double x = box.x() + (box.size() - size) / 2 + jitter * 0.8 + random.nextDouble(-0.6, 0.6);
        double y = box.y() + (box.size() - size) / 2 - jitter * 0.6 + random.nextDouble(-0.6, 0.6);
        switch (style) {
            case TICK -> g.draw(line(x + size * 0.15, y + size * 0.5, x + size * 0.42, y + size * 0.82,
                    x + size * (0.85 + 0.1 * jitter), y + size * random.nextDouble(0.0, 0.2)));
            case CROSS -> {
                g.draw(line(x + size * 0.18, y + size * 0.18, x + size * 0.82, y + size * 0.82));
                g.draw(line(x + size * 0.82, y + size * 0.18, x + size * 0.18, y + size * 0.82));
            }
            case FILL -> zigzag(g, box.x() + 0.7, box.y() + 0.7, box.size() - 1.4, box.size() - 1.4, penMm);
            case SCRIBBLE -> zigzag(g, box.x() - 2.2, box.y() - 2.2, box.size() + 4.4, box.size() + 4.4, penMm);
            case CIRCLE -> circleRow(g, box);
        }
        g.dispose();
    }

    /** A stroke through points (in mm), slightly wavering. */
    private Path2D line(double... mm) {
        Path2D path = new Path2D.Double();
        path.moveTo(mm[0] * pxPerMm, mm[1] * pxPerMm);
        for (int i = 2; i < mm.length; i += 2) {
            double mx = (mm[i - 2] + mm[i]) / 2 + random.nextDouble(-0.3, 0.3);
            double my = (mm[i - 1] + mm[i + 1]) / 2 + random.nextDouble(-0.3, 0.3);
            path.quadTo(mx * pxPerMm, my * pxPerMm, mm[i] * pxPerMm, mm[i + 1] * pxPerMm);
        }
        return path;
    }

    /** Back-and-forth strokes filling a rectangle, as a hand blacks out a box. */
    private void zigzag(Graphics2D g, double x, double y, double w, double h, double penMm) {
        Path2D path = new Path2D.Double();
        double step = Math.max(0.25, penMm * 0.8);
        path.moveTo(x * pxPerMm, y * pxPerMm);
        boolean right = true;
        for (double yy = y; yy <= y + h; yy += step) {
            path.lineTo((right ? x + w : x) * pxPerMm, (yy + random.nextDouble(-0.1, 0.1)) * pxPerMm);
            right = !right;
        }
        g.draw(path);
    }

    /**
     * A loop round an option's row, enclosing its box and its text: somewhere between an
     * ellipse and a rounded rectangle, its ends overlapping where the pen started.
     */
    private void circleRow(Graphics2D g, ReplyFormLayout.Box box) {
        double cy = box.y() + box.size() / 2 + random.nextDouble(-0.5, 0.5);
        double left = box.x() - random.nextDouble(1.0, 3.5);
        double right = random.nextDouble(160, 192);
        double rx = (right - left) / 2;
        double cx = left + rx;
        double ry = random.nextDouble(4.7, 6.2);
        double p = random.nextDouble(2.5, 5); // 2: an ellipse; larger: squarer
        double tilt = random.nextDouble(-0.004, 0.004);
        Path2D path = new Path2D.Double();
        double start = random.nextDouble(0, 2 * Math.PI);
        double sweep = 2 * Math.PI + random.nextDouble(0.1, 0.4);
        int steps = 240;
        for (int i = 0; i <= steps; i++) {
            double t = start + sweep * i / steps;
            double c = Math.cos(t);
            double s = Math.sin(t);
            double ex = Math.signum(c) * Math.pow(Math.abs(c), 2 / p) * rx;
            double ey = Math.signum(s) * Math.pow(Math.abs(s), 2 / p) * ry * (1 + 0.04 * Math.sin(3 * t));
            double px = (cx + ex) * pxPerMm;
            double py = (cy + ey + tilt * ex) * pxPerMm;
            if (i == 0) {
                path.moveTo(px, py);
            } else {
                path.lineTo(px, py);
            }
        }
        g.draw(path);
    }
}
