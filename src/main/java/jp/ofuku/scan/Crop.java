package jp.ofuku.scan;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * A piece of a page cut out upright: a rectangle of the form in layout millimetres, sampled
 * through the page's alignment so that a turned, shifted or upside-down page gives the same
 * picture. For OCR of the printed form code, and for the crops a person reviews.
 */
public record Crop(int width, int height, byte[] pixels, int dpi) {

    /** The rectangle ({@code x}, {@code y}, {@code w}, {@code h} in mm) of an aligned page at {@code dpi}. */
    public static Crop of(GrayPage page, PageAlignment map, double x, double y, double w, double h, int dpi) {
        double step = 25.4 / dpi;
        int cw = Math.max(1, (int) Math.round(w / step));
        int ch = Math.max(1, (int) Math.round(h / step));
        byte[] out = new byte[cw * ch];
        for (int j = 0; j < ch; j++) {
            for (int i = 0; i < cw; i++) {
                double[] p = map.toPixel(x + (i + 0.5) * step, y + (j + 0.5) * step);
                out[j * cw + i] = (byte) bilinear(page, p[0] - 0.5, p[1] - 0.5);
            }
        }
        return new Crop(cw, ch, out, dpi);
    }

    /** The whole page, shrunk to at most {@code maxWidth} pixels across (never enlarged). */
    public static Crop whole(GrayPage page, int maxWidth) {
        double factor = Math.max(1, (double) page.width() / maxWidth);
        int cw = (int) Math.round(page.width() / factor);
        int ch = (int) Math.round(page.height() / factor);
        byte[] out = new byte[cw * ch];
        int n = Math.max(1, (int) Math.round(factor));
        for (int j = 0; j < ch; j++) {
            for (int i = 0; i < cw; i++) {
                // the mean of the source pixels under each target pixel: thin lines stay visible
                int x0 = (int) (i * factor);
                int y0 = (int) (j * factor);
                int sum = 0;
                for (int dy = 0; dy < n; dy++) {
                    for (int dx = 0; dx < n; dx++) {
                        sum += page.gray(x0 + dx, y0 + dy);
                    }
                }
                out[j * cw + i] = (byte) (sum / (n * n));
            }
        }
        return new Crop(cw, ch, out, (int) Math.round(page.dpi() / factor));
    }

    private static int bilinear(GrayPage page, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double top = page.gray(x0, y0) * (1 - fx) + page.gray(x0 + 1, y0) * fx;
        double bottom = page.gray(x0, y0 + 1) * (1 - fx) + page.gray(x0 + 1, y0 + 1) * fx;
        return (int) Math.round(top * (1 - fy) + bottom * fy);
    }

    public BufferedImage image() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        System.arraycopy(pixels, 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData(), 0, pixels.length);
        return image;
    }

    public byte[] png() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image(), "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
