package jp.ofuku.handmarks;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Lays one stroke of a pen onto a gray page, pixel by pixel and without Java2D: the pen tip
 * is a disc pressed along the path, its width and darkness following the pressure (light as
 * the pen lands, lighter still as it lifts), its path wavering with the hand's tremor, and a
 * pencil's graphite catching only on the paper's grain. Overlapping strokes darken each other,
 * as ink does.
 */
final class Ink {

    private final BufferedImage page;
    private final double pxPerMm;
    private final SplittableRandom random;
    /** Millimetres of tremor (a steady hand 0.05, an old or hurried one 0.3). */
    private final double tremor;
    private final long grainSeed;

    Ink(BufferedImage page, double dpi, SplittableRandom random, double tremor) {
        if (page.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            throw new IllegalArgumentException("an 8-bit gray page is needed");
        }
        this.page = page;
        this.pxPerMm = dpi / 25.4;
        this.random = random;
        this.tremor = tremor;
        this.grainSeed = random.nextLong();
    }

    /**
     * One stroke through {@code points} (x, y in mm, at least two), smoothed into a curve; the
     * pressure rises over the first {@code landing} and falls over the last {@code lift} of its
     * length (shares, 0–1).
     */
    void stroke(Pen pen, double landing, double lift, double... points) {
        List<double[]> path = wobble(smooth(points));
        double total = 0;
        double[] along = new double[path.size()];
        for (int i = 1; i < path.size(); i++) {
            total += Math.hypot(path.get(i)[0] - path.get(i - 1)[0], path.get(i)[1] - path.get(i - 1)[1]);
            along[i] = total;
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double[] p : path) {
            minX = Math.min(minX, p[0]);
            minY = Math.min(minY, p[1]);
            maxX = Math.max(maxX, p[0]);
            maxY = Math.max(maxY, p[1]);
        }
        double reach = pen.widthMm() + 0.2;
        int x0 = Math.max(0, (int) Math.floor((minX - reach) * pxPerMm));
        int y0 = Math.max(0, (int) Math.floor((minY - reach) * pxPerMm));
        int x1 = Math.min(page.getWidth() - 1, (int) Math.ceil((maxX + reach) * pxPerMm));
        int y1 = Math.min(page.getHeight() - 1, (int) Math.ceil((maxY + reach) * pxPerMm));
        if (x1 < x0 || y1 < y0) {
            return;
        }
        int w = x1 - x0 + 1;
        int h = y1 - y0 + 1;
        float[] cover = new float[w * h];
        double pressureDrift = random.nextDouble(0.85, 1.0);
        double step = 0.3 / pxPerMm;
        for (int i = 1; i < path.size(); i++) {
            double[] a = path.get(i - 1);
            double[] b = path.get(i);
            double len = Math.hypot(b[0] - a[0], b[1] - a[1]);
            int n = Math.max(1, (int) Math.ceil(len / step));
            for (int s = 0; s < n; s++) {
                double t = (double) s / n;
                double at = (along[i - 1] + len * t) / Math.max(total, 1e-9);
                double pressure = pressure(at, landing, lift) * pressureDrift;
                double radius = Math.max(0.35, pen.widthMm() / 2 * (0.55 + 0.45 * pressure) * pxPerMm);
                dab(cover, x0, y0, w, h, (a[0] + (b[0] - a[0]) * t) * pxPerMm, (a[1] + (b[1] - a[1]) * t) * pxPerMm,
                        radius, (float) (0.35 + 0.65 * pressure));
            }
        }
        WritableRaster raster = page.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float c = cover[y * w + x];
                if (c <= 0) {
                    continue;
                }
                if (pen.grain() > 0) {
                    c *= (float) (1 - pen.grain() * grain(x0 + x, y0 + y));
                }
                int old = raster.getSample(x0 + x, y0 + y, 0);
                int now = (int) Math.round(old - (old - Math.min(old, pen.gray())) * c);
                raster.setSample(x0 + x, y0 + y, 0, now);
            }
        }
    }

    /** Pressure along the stroke (0 at its start, 1 at its end): landing, steady, lifting. */
    private static double pressure(double at, double landing, double lift) {
        double p = 1;
        if (landing > 0 && at < landing) {
            p = Math.min(p, 0.35 + 0.65 * at / landing);
        }
        if (lift > 0 && at > 1 - lift) {
            p = Math.min(p, 0.15 + 0.85 * (1 - at) / lift);
        }
        return p;
    }

    /** An anti-aliased disc of the pen tip; the stroke keeps the strongest cover of each pixel. */
    private static void dab(float[] cover, int x0, int y0, int w, int h, double cx, double cy, double r, float strength) {
        int left = Math.max(0, (int) Math.floor(cx - r - 1) - x0);
        int right = Math.min(w - 1, (int) Math.ceil(cx + r + 1) - x0);
        int top = Math.max(0, (int) Math.floor(cy - r - 1) - y0);
        int bottom = Math.min(h - 1, (int) Math.ceil(cy + r + 1) - y0);
        for (int y = top; y <= bottom; y++) {
            for (int x = left; x <= right; x++) {
                double d = Math.hypot(x0 + x + 0.5 - cx, y0 + y + 0.5 - cy);
                float c = (float) Math.max(0, Math.min(1, r + 0.5 - d)) * strength;
                int i = y * w + x;
                if (c > cover[i]) {
                    cover[i] = c;
                }
            }
        }
    }

    /** The paper's tooth under a pencil: 0 (graphite holds) to 1 (it skips), fixed for each pixel of the page. */
    private double grain(int x, int y) {
        long z = grainSeed ^ (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL);
        z = (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L;
        z = z ^ (z >>> 29);
        return (z >>> 11) / (double) (1L << 53);
    }

    /** Catmull-Rom through the given points, about every 0.1 mm. */
    private static List<double[]> smooth(double[] points) {
        int n = points.length / 2;
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < n - 1; i++) {
            double[] p0 = point(points, Math.max(0, i - 1));
            double[] p1 = point(points, i);
            double[] p2 = point(points, i + 1);
            double[] p3 = point(points, Math.min(n - 1, i + 2));
            int steps = Math.max(2, (int) Math.ceil(Math.hypot(p2[0] - p1[0], p2[1] - p1[1]) / 0.1));
            for (int s = 0; s < steps; s++) {
                double t = (double) s / steps;
                double t2 = t * t;
                double t3 = t2 * t;
                double[] q = new double[2];
                for (int c = 0; c < 2; c++) {
                    q[c] = 0.5 * (2 * p1[c] + (-p0[c] + p2[c]) * t + (2 * p0[c] - 5 * p1[c] + 4 * p2[c] - p3[c]) * t2
                            + (-p0[c] + 3 * p1[c] - 3 * p2[c] + p3[c]) * t3);
                }
                out.add(q);
            }
        }
        out.add(point(points, n - 1));
        return out;
    }

    private static double[] point(double[] points, int i) {
        return new double[] {points[2 * i], points[2 * i + 1]};
    }

    /** The hand's tremor: a slow sideways waver, a few waves of random length and phase. */
    private List<double[]> wobble(List<double[]> path) {
        if (tremor <= 0 || path.size() < 3) {
            return path;
        }
        double[] freq = {random.nextDouble(0.15, 0.4), random.nextDouble(0.5, 1.2), random.nextDouble(1.5, 3)};
        double[] amp = {1, 0.5, 0.2};
        double[] phase = {random.nextDouble(0, 6.3), random.nextDouble(0, 6.3), random.nextDouble(0, 6.3)};
        List<double[]> out = new ArrayList<>(path.size());
        double s = 0;
        for (int i = 0; i < path.size(); i++) {
            double[] p = path.get(i);
            double[] prev = path.get(Math.max(0, i - 1));
            double[] next = path.get(Math.min(path.size() - 1, i + 1));
            if (i > 0) {
                s += Math.hypot(p[0] - prev[0], p[1] - prev[1]);
            }
            double dx = next[0] - prev[0];
            double dy = next[1] - prev[1];
            double len = Math.max(1e-9, Math.hypot(dx, dy));
            double off = 0;
            for (int k = 0; k < freq.length; k++) {
                off += amp[k] * Math.sin(2 * Math.PI * freq[k] * s + phase[k]);
            }
            off *= tremor / 1.7;
            out.add(new double[] {p[0] - dy / len * off, p[1] + dx / len * off});
        }
        return out;
    }
}
