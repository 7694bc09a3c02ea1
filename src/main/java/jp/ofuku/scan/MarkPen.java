package jp.ofuku.scan;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

import jp.ofuku.letters.ReplyFormLayout;

/** Draws a resident's marks onto a rendered form page, as a hand with a pen would. */
public final class MarkPen {

    /** The marks the reader counts inside a box (a circle drawn round a whole row is not read yet). */
    public enum Style { TICK, CROSS, FILL }

    private final BufferedImage page;
    private final double pxPerMm;

    public MarkPen(BufferedImage page, double dpi) {
        this.page = page;
        this.pxPerMm = dpi / 25.4;
    }

    /** A mark in a box; {@code jitter} (−1..1) moves and sizes it a little, as no two hands are alike. */
    public void mark(ReplyFormLayout.Box box, Style style, double penMm, int gray, double jitter) {
        Graphics2D g = page.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(gray, gray, gray));
        g.setStroke(new BasicStroke((float) (penMm * pxPerMm), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double s = box.size();
        double x = box.x() + jitter * 0.8;
        double y = box.y() - jitter * 0.6;
        switch (style) {
            case TICK -> g.drawPolyline(new int[] {px(x + s * 0.2), px(x + s * 0.45), px(x + s * (0.85 + 0.1 * jitter))},
                    new int[] {px(y + s * 0.5), px(y + s * 0.8), px(y + s * 0.12)}, 3);
            case CROSS -> {
                g.drawLine(px(x + s * 0.2), px(y + s * 0.2), px(x + s * 0.8), px(y + s * 0.8));
                g.drawLine(px(x + s * 0.8), px(y + s * 0.2), px(x + s * 0.2), px(y + s * 0.8));
            }
            case FILL -> g.fillRect(px(box.x() + 0.8), px(box.y() + 0.8), px(s - 1.6) - px(0), px(s - 1.6) - px(0));
        }
        g.dispose();
    }

    private int px(double mm) {
        return (int) Math.round(mm * pxPerMm);
    }
}
