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
    private final boolean bilevel;

    private GrayPage(int width, int height, byte[] pixels, double dpi, boolean bilevel) {
        this.width = width;
        this.height = height;
        this.pixels = pixels;
        this.dpi = dpi;
        this.bilevel = bilevel;
    }

    private ImageDamage damage = ImageDamage.NONE;

    /** Converts a decoded page, and finds where its image is damaged; pages with no stated resolution are taken as A4 wide. */
    public static GrayPage of(ScanPage page) {
        GrayPage gray = converted(page);
        gray.damage = ImageDamage.of(page.warnings(), page.image().getHeight(), gray);
        return gray;
    }

    /** Where the image cannot be trusted (none for most pages). */
    public ImageDamage damage() {
        return damage;
    }

    private static GrayPage converted(ScanPage page) {
        BufferedImage src = gray(page.image());
        double dpiX = page.dpiX() > 0 ? page.dpiX() : src.getWidth() / (210 / 25.4);
        double dpiY = page.dpiY() > 0 ? page.dpiY() : dpiX;
        int height = (int) Math.round(src.getHeight() * dpiX / dpiY);
        byte[] in = ((DataBufferByte) src.getRaster().getDataBuffer()).getData();
        int width = src.getWidth();
        boolean bilevel = page.image().getColorModel().getPixelSize() == 1;
        if (height == src.getHeight() && in.length == width * height) {
            return bilevel ? new GrayPage(width, height, in, dpiX, true) : flatten(width, height, in, dpiX);
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
        return bilevel ? new GrayPage(width, height, data, dpiX, true) : flatten(width, height, data, dpiX);
    }

    /** Paper darker than this (a shadow, a tinted sheet) is brought back to white before ink is measured. */
    static final int WHITE_ENOUGH = 235;
    /** Below this, it is not paper but what lies beyond the sheet (a table under a phone photo). */
    static final int NOT_PAPER = 110;

    /**
     * Evens out the paper: a phone photo's shadow or a grayish recycled sheet would otherwise
     * count as ink. The paper's own level is taken in blocks of about 8 mm (the bright end of
     * each block, spread to its neighbours so a block of solid print still finds paper), and
     * every pixel is scaled so that paper is white. Pages whose paper is white already are
     * returned as they are.
     */
    static GrayPage flatten(int width, int height, byte[] pixels, double dpi) {
        int block = Math.max(16, (int) Math.round(8 * dpi / 25.4));
        int bw = (width + block - 1) / block;
        int bh = (height + block - 1) / block;
        int[] level = new int[bw * bh];
        int[] histogram = new int[256];
        boolean even = true;
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                java.util.Arrays.fill(histogram, 0);
                int n = 0;
                for (int y = by * block; y < Math.min(height, (by + 1) * block); y += 2) {
                    int row = y * width;
                    for (int x = bx * block; x < Math.min(width, (bx + 1) * block); x += 2) {
                        histogram[pixels[row + x] & 0xFF]++;
                        n++;
                    }
                }
                int wanted = n / 10; // the brightest tenth is paper
                int v = 255;
                for (int seen = 0; v > 0; v--) {
                    seen += histogram[v];
                    if (seen > wanted) {
                        break;
                    }
                }
                level[by * bw + bx] = v;
            }
        }
        int[] paper = new int[level.length];
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                int best = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int x = bx + dx;
                        int y = by + dy;
                        if (x >= 0 && y >= 0 && x < bw && y < bh) {
                            best = Math.max(best, level[y * bw + x]);
                        }
                    }
                }
                paper[by * bw + bx] = best;
                if (best < WHITE_ENOUGH && best >= NOT_PAPER) {
                    even = false;
                }
            }
        }
        if (even) {
            return new GrayPage(width, height, pixels, dpi, false);
        }
        byte[] out = new byte[pixels.length];
        for (int y = 0; y < height; y++) {
            double gy = Math.max(0, Math.min(bh - 1.0, (y + 0.5) / block - 0.5));
            int y0 = (int) gy;
            int y1 = Math.min(bh - 1, y0 + 1);
            double fy = gy - y0;
            int row = y * width;
            for (int x = 0; x < width; x++) {
                double gx = Math.max(0, Math.min(bw - 1.0, (x + 0.5) / block - 0.5));
                int x0 = (int) gx;
                int x1 = Math.min(bw - 1, x0 + 1);
                double fx = gx - x0;
                double p = (paper[y0 * bw + x0] * (1 - fx) + paper[y0 * bw + x1] * fx) * (1 - fy)
                        + (paper[y1 * bw + x0] * (1 - fx) + paper[y1 * bw + x1] * fx) * fy;
                int g = pixels[row + x] & 0xFF;
                out[row + x] = (byte) (p < NOT_PAPER ? g : Math.min(255, (int) Math.round(g * 255.0 / p)));
            }
        }
        return new GrayPage(width, height, out, dpi, false);
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

    /**
     * A black-and-white page (a fax): every black pixel was ink or noise on the line, with no
     * gray between; a gray page's lone dark pixel is as likely dust.
     */
    public boolean bilevel() {
        return bilevel;
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
