package jp.ofuku.handmarks;

import java.util.SplittableRandom;

/**
 * What a resident writes with: a ballpoint (thin, dark, skipping a little), a felt tip (wide
 * and black) or a pencil (gray, grainy, often light). Widths in millimetres, {@code gray} the
 * level of a fully pressed stroke on white paper (0 black).
 */
public record Pen(Kind kind, double widthMm, int gray, double grain) {

    /** A light pencil is one about as light as a fax's black level (gray 130–165 fully pressed). */
    public enum Kind {
        BALLPOINT, FELT_TIP, PENCIL, LIGHT_PENCIL;

        public boolean pencil() {
            return this == PENCIL || this == LIGHT_PENCIL;
        }
    }

    /**
     * A pen as residents' pens come: mostly ballpoints of 0.3–0.7 mm, some felt tips, and one in
     * seven a pencil, half of those light (about as light as a fax's black level).
     */
    static Pen any(SplittableRandom random) {
        int roll = random.nextInt(14);
        if (roll < 2) {
            boolean faint = random.nextBoolean();
            return new Pen(faint ? Kind.LIGHT_PENCIL : Kind.PENCIL, random.nextDouble(0.3, 0.6),
                    faint ? random.nextInt(130, 165) : random.nextInt(80, 130), random.nextDouble(0.25, 0.5));
        }
        if (roll < 4) {
            return new Pen(Kind.FELT_TIP, random.nextDouble(0.6, 1.0), random.nextInt(0, 40), 0);
        }
        return new Pen(Kind.BALLPOINT, random.nextDouble(0.3, 0.7), random.nextInt(10, 80), random.nextDouble(0, 0.08));
    }
}
