package jp.ofuku.scan;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * A page as 8-bit gray levels with square pixels (0 black, 255 white). Fax "standard"
 * resolution (204 × 98 dpi) is stretched vertically so that a millimetre is as many pixels
 * across as down.
 */
public final class GrayPage {

    private final int width;
    private final int height;
    private final byte[] pixels;
    private final double dpi;

    private GrayPage(int width, int height, byte[] pixels, double dpi) {
        this.width = width;
        this.height = height;
        this.pixels = pixels;
        this.dpi = dpi;
    }

    /** Converts a decoded page; pages with no stated resolution are taken as A4 wide. */
    public static GrayPage of(ScanPage page) {
        BufferedImage src = page.image();
        double dpiX = page.dpiX() > 0 ? page.dpiX() : src.getWidth() / (210 / 25.4);
        double dpiY = page.dpiY() > 0 ? page.dpiY() : dpiX;
        int height = (int) Math.round(src.getHeight() * dpiX / dpiY);
        BufferedImage gray = new BufferedImage(src.getWidth(), height, BufferedImage.TYPE_BYTE_GRAY);
        var g = gray.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, src.getWidth(), height, null);
        g.dispose();
        byte[] data = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        return new GrayPage(gray.getWidth(), height, data, dpiX);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public double dpi() {
        return dpi;
    }

    public double pxPerMm() {
        return dpi / 25.4;
    }

    /** Gray level at (x, y); outside the page counts as white paper. */
    public int gray(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return 255;
        }
        return pixels[y * width + x] & 0xFF;
    }

    public boolean dark(int x, int y) {
        return gray(x, y) < 128;
    }

    /** The whole page as ARGB pixels, for barcode decoders. */
    int[] argb(int x0, int y0, int w, int h) {
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = gray(x0 + x, y0 + y);
                out[y * w + x] = 0xFF000000 | (v << 16) | (v << 8) | v;
            }
        }
        return out;
    }
}
