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
        BufferedImage src = gray(page.image());
        double dpiX = page.dpiX() > 0 ? page.dpiX() : src.getWidth() / (210 / 25.4);
        double dpiY = page.dpiY() > 0 ? page.dpiY() : dpiX;
        int height = (int) Math.round(src.getHeight() * dpiX / dpiY);
        byte[] in = ((DataBufferByte) src.getRaster().getDataBuffer()).getData();
        int width = src.getWidth();
        if (height == src.getHeight() && in.length == width * height) {
            return new GrayPage(width, height, in, dpiX);
        }
        // stretch rows (fax standard: 98 lines per inch) by interpolating between neighbouring rows
        byte[] data = new byte[width * height];
        int srcHeight = src.getHeight();
        for (int y = 0; y < height; y++) {
            double at = (y + 0.5) * srcHeight / height - 0.5;
            int above = Math.max(0, (int) Math.floor(at));
            int below = Math.min(srcHeight - 1, above + 1);
            int weight = (int) Math.round((at - Math.floor(at)) * 256);
            if (at < 0) {
                weight = 0;
            }
            int a = above * width;
            int b = below * width;
            int o = y * width;
            for (int x = 0; x < width; x++) {
                data[o + x] = (byte) (((in[a + x] & 0xFF) * (256 - weight) + (in[b + x] & 0xFF) * weight) >> 8);
            }
        }
        return new GrayPage(width, height, data, dpiX);
    }

    /**
     * The image as 8-bit gray. Java2D scales bilevel (fax) images very slowly, so those are
     * converted sample by sample first.
     */
    static BufferedImage gray(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_BYTE_GRAY && src.getRaster().getParent() == null
                && ((DataBufferByte) src.getRaster().getDataBuffer()).getData().length == src.getWidth() * src.getHeight()) {
            return src;
        }
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        if (src.getType() == BufferedImage.TYPE_BYTE_BINARY && src.getColorModel().getPixelSize() == 1
                && src.getRaster().getSampleModel() instanceof java.awt.image.MultiPixelPackedSampleModel packed
                && src.getRaster().getDataBuffer() instanceof DataBufferByte bits && src.getRaster().getParent() == null) {
            // a fax page: unpack its bits straight into gray levels
            java.awt.image.IndexColorModel palette = (java.awt.image.IndexColorModel) src.getColorModel();
            byte zero = (byte) (palette.getRed(0) > 127 ? 255 : 0);
            byte one = (byte) (palette.getRed(1) > 127 ? 255 : 0);
            byte[] in = bits.getData();
            byte[] target = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
            int stride = packed.getScanlineStride();
            int w = src.getWidth();
            for (int y = 0; y < src.getHeight(); y++) {
                int rowStart = y * stride + bits.getOffset();
                int outStart = y * w;
                for (int x = 0; x < w; x++) {
                    int bit = (in[rowStart + (x >> 3)] >> (7 - (x & 7))) & 1;
                    target[outStart + x] = bit == 0 ? zero : one;
                }
            }
            return out;
        }
        if (src.getColorModel() instanceof java.awt.image.IndexColorModel palette && src.getRaster().getNumBands() == 1) {
            int[] levels = new int[palette.getMapSize()];
            for (int i = 0; i < levels.length; i++) {
                levels[i] = (palette.getRed(i) * 299 + palette.getGreen(i) * 587 + palette.getBlue(i) * 114) / 1000;
            }
            int[] row = new int[src.getWidth()];
            var in = src.getRaster();
            var target = out.getRaster();
            for (int y = 0; y < src.getHeight(); y++) {
                in.getSamples(0, y, src.getWidth(), 1, 0, row);
                for (int x = 0; x < row.length; x++) {
                    row[x] = levels[row[x]];
                }
                target.setSamples(0, y, src.getWidth(), 1, 0, row);
            }
            return out;
        }
        var g = out.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return out;
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
