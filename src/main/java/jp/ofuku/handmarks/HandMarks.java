package jp.ofuku.handmarks;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import jp.ofuku.letters.ReplyFormLayout;

/**
 * Residents marking their reply forms, drawn the way hands draw, for measuring the reader
 * against marks it was not written for. This package knows where the boxes are (the printed
 * layout) and nothing of how forms are read: it shares no code with {@code jp.ofuku.scan}.
 *
 * <ul>
 * <li>a <b>tick</b>: a short stroke down into the box and a long one up and to the right that
 *     usually leaves the box, often into the band of the row above, its end flicked thin;
 * <li>a <b>cross</b>: two strokes, sometimes overshooting the corners;
 * <li>a box <b>filled in</b>: a scribble back and forth, rarely covering all of it;
 * <li>a <b>circle</b> round the option's row: an open, wobbly loop that may cut through the box
 *     or the text.
 * </ul>
 * Each form is marked with one pen (ballpoint, felt tip or pencil, see {@link Pen}) and one
 * habit; every mark has its own size, place, slant and pressure, and the hand trembles.
 */
public final class HandMarks {

    public enum Shape { TICK, CROSS, FILL, CIRCLE }

    /**
     * What was marked on a form: the options, the extra boxes ({@code other_dates},
     * {@code decline}, {@code wheelchair}), how, and with what.
     */
    public record Marked(List<Integer> options, List<String> extras, Shape shape, Pen.Kind pen) {
    }

    private final SplittableRandom random;

    public HandMarks(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Marks a rendered form (8-bit gray, {@code dpi}) with {@code options} rows, at random, and says what was marked. */
    public Marked mark(BufferedImage page, double dpi, int options) {
        ReplyFormLayout layout = new ReplyFormLayout(false, options);
        Pen pen = Pen.any(random);
        double tremor = random.nextInt(4) == 0 ? random.nextDouble(0.15, 0.35) : random.nextDouble(0.03, 0.15);
        Ink ink = new Ink(page, dpi, random, tremor);
        Shape shape = Shape.values()[random.nextInt(Shape.values().length)];
        List<String> extras = new ArrayList<>();
        int roll = random.nextInt(20);
        if (roll == 0 || roll == 1) {
            // "none of these dates" or "no vaccination": a tick or a cross in that box, never a circle
            Shape inBox = random.nextBoolean() ? Shape.TICK : Shape.CROSS;
            draw(ink, pen, roll == 0 ? layout.declineBox() : layout.noneBox(), inBox, layout);
            extras.add(roll == 0 ? "decline" : "other_dates");
            return new Marked(List.of(), List.copyOf(extras), inBox, pen.kind());
        }
        TreeSet<Integer> chosen = new TreeSet<>();
        int count = 1 + random.nextInt(4);
        while (chosen.size() < count) {
            chosen.add(1 + random.nextInt(options));
        }
        for (int k : chosen) {
            draw(ink, pen, layout.optionBox(k), shape, layout);
        }
        if (random.nextInt(10) == 0) {
            draw(ink, pen, layout.needBox(0), shape == Shape.CIRCLE || shape == Shape.FILL ? Shape.TICK : shape, layout);
            extras.add("wheelchair");
        }
        return new Marked(List.copyOf(chosen), List.copyOf(extras), shape, pen.kind());
    }

    private void draw(Ink ink, Pen pen, ReplyFormLayout.Box box, Shape shape, ReplyFormLayout layout) {
        switch (shape) {
            case TICK -> tick(ink, pen, box);
            case CROSS -> cross(ink, pen, box);
            case FILL -> fill(ink, pen, box);
            case CIRCLE -> circle(ink, pen, box);
        }
    }

    /**
     * A tick: lands left of the middle, runs down to a point in the lower part of the box and
     * then up to the right, most often past the box's top-right corner.
     */
    private void tick(Ink ink, Pen pen, ReplyFormLayout.Box box) {
        double s = box.size();
        double scale = random.nextDouble(0.75, 1.4);
        double cx = box.x() + s * random.nextDouble(0.3, 0.55);
        double cy = box.y() + s * random.nextDouble(0.62, 0.85);
        // the bottom of the tick, then where the pen landed and where it flew off to
        double startX = cx - s * scale * random.nextDouble(0.18, 0.35);
        double startY = cy - s * scale * random.nextDouble(0.2, 0.4);
        boolean overshoot = random.nextInt(3) != 0;
        double endX = cx + s * scale * (overshoot ? random.nextDouble(0.55, 1.05) : random.nextDouble(0.3, 0.5));
        double endY = cy - s * scale * (overshoot ? random.nextDouble(0.75, 1.15) : random.nextDouble(0.45, 0.7));
        double midX = (cx + endX) / 2 + random.nextDouble(-0.4, 0.2);
        double midY = (cy + endY) / 2 + random.nextDouble(0, 0.6);
        ink.stroke(pen, 0.15, random.nextDouble(0.2, 0.45), startX, startY, cx, cy, midX, midY, endX, endY);
    }

    /** A cross: two strokes, each corner to corner, of their own length and slant. */
    private void cross(Ink ink, Pen pen, ReplyFormLayout.Box box) {
        double s = box.size();
        double cx = box.x() + s / 2 + random.nextDouble(-1, 1);
        double cy = box.y() + s / 2 + random.nextDouble(-1, 1);
        for (int i = 0; i < 2; i++) {
            double half = s * random.nextDouble(0.28, 0.62);
            double angle = Math.toRadians((i == 0 ? 45 : 135) + random.nextDouble(-15, 15));
            double dx = Math.cos(angle) * half;
            double dy = Math.sin(angle) * half;
            double bend = random.nextDouble(-0.3, 0.3);
            ink.stroke(pen, 0.1, random.nextDouble(0.1, 0.3), cx - dx, cy - dy, cx - dy * bend * 0.2, cy + dx * bend * 0.2,
                    cx + dx, cy + dy);
        }
    }

    /** A box blacked in: strokes back and forth, covering most of it, now and then over an edge. */
    private void fill(Ink ink, Pen pen, ReplyFormLayout.Box box) {
        double s = box.size();
        double margin = random.nextDouble(0.3, 1.6);
        double x0 = box.x() + margin + random.nextDouble(-0.5, 0.5);
        double x1 = box.x() + s - margin + random.nextDouble(-0.5, 0.5);
        double y0 = box.y() + margin;
        double y1 = box.y() + s - margin - random.nextDouble(0, 1.5);
        double pitch = Math.max(0.35, pen.widthMm() * random.nextDouble(0.8, 1.6));
        List<Double> zig = new ArrayList<>();
        boolean right = true;
        for (double y = y0; y <= y1; y += pitch) {
            zig.add(right ? x1 + random.nextDouble(-0.5, 0.3) : x0 + random.nextDouble(-0.3, 0.5));
            zig.add(y + random.nextDouble(-0.1, 0.1));
            right = !right;
        }
        if (zig.size() < 4) {
            zig.addAll(List.of(x0, y1, x1, y1));
        }
        double[] points = new double[zig.size()];
        for (int i = 0; i < points.length; i++) {
            points[i] = zig.get(i);
        }
        ink.stroke(pen, 0.05, 0.05, points);
    }

    /**
     * A loop round the row: its left end anywhere from before the box to through it, its right
     * end somewhere along the text, taller or flatter, never quite closed or overlapping a
     * little, wobbling as it goes.
     */
    private void circle(Ink ink, Pen pen, ReplyFormLayout.Box box) {
        double left = box.x() + random.nextDouble(-4, 2.5);
        double right = random.nextDouble(120, 195);
        double cx = (left + right) / 2;
        double rx = (right - left) / 2;
        double cy = box.y() + box.size() / 2 + random.nextDouble(-0.8, 0.8);
        double ry = random.nextDouble(4.2, 6.6);
        double start = random.nextDouble(0, 2 * Math.PI);
        double squareness = random.nextDouble(2, 4.5);
        double[] wobblePhase = {random.nextDouble(0, 6.3), random.nextDouble(0, 6.3)};
        double wobble = random.nextDouble(0.02, 0.08);
        // the loop once round and a little more, then cut where the pen lifted: left open by up to
        // 12 mm, or its ends overlapping by up to 10 mm, measured along the line
        int n = 400;
        double[][] loop = new double[n + 1][];
        double[] along = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            double t = start + 2.3 * Math.PI * i / n;
            double c = Math.cos(t);
            double sn = Math.sin(t);
            double r = 1 + wobble * Math.sin(2 * t + wobblePhase[0]) + wobble * 0.5 * Math.sin(5 * t + wobblePhase[1]);
            loop[i] = new double[] {cx + Math.signum(c) * Math.pow(Math.abs(c), 2 / squareness) * rx * r,
                    cy + Math.signum(sn) * Math.pow(Math.abs(sn), 2 / squareness) * ry * r};
            along[i] = i == 0 ? 0 : along[i - 1] + Math.hypot(loop[i][0] - loop[i - 1][0], loop[i][1] - loop[i - 1][1]);
        }
        int once = (int) Math.round(n * 2 / 2.3); // where the pen has gone once round
        double end = along[once] - random.nextDouble(-10, 12);
        List<Double> kept = new ArrayList<>();
        for (int i = 0; i <= n && along[i] <= end; i += 5) {
            kept.add(loop[i][0]);
            kept.add(loop[i][1]);
        }
        double[] points = new double[kept.size()];
        for (int i = 0; i < points.length; i++) {
            points[i] = kept.get(i);
        }
        ink.stroke(pen, 0.05, 0.1, points);
    }
}
