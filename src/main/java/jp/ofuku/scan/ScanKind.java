package jp.ofuku.scan;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The ways a reply comes back, each degrading a clean rendering (at 300 dpi) as that channel
 * does: a flatbed scan, a phone photo (slanted, unevenly lit, a little blurred) saved as JPEG, a fax at fine or standard resolution
 * (encoded and decoded with CCITT, with dropped lines).
 */
public enum ScanKind {
    SCAN(300, 300, 5),
    PHONE_JPEG(150, 150, 5),
    FAX_FINE(204, 196, 2),
    FAX_STANDARD(204, 98, 2);

    public final int dpiX;
    public final int dpiY;
    private final double maxTurn;

    ScanKind(int dpiX, int dpiY, double maxTurn) {
        this.dpiX = dpiX;
        this.dpiY = dpiY;
        this.maxTurn = maxTurn;
    }

    /** The page as this channel delivers it, decoded again, from a 300 dpi gray rendering. */
    public ScanPage deliver(BufferedImage clean300, SplittableRandom random) throws IOException {
        return deliver(clean300, random, null);
    }

    /**
     * The same, a fax written as TIFF by {@code encoder} (null: the JDK's writer, T.4 or T.6 at
     * random) and decoded again as intake decodes it, with whatever damage decoding found.
     */
    public ScanPage deliver(BufferedImage clean300, SplittableRandom random, FaxEncoders encoder) throws IOException {
        double scale = random.nextDouble(0.95, 1.05);
        // a flatbed's glass and white lid are larger than the sheet: a sheet laid at a slant is scanned whole
        BufferedImage placed = this == SCAN ? onLid(clean300, 0.06) : clean300;
        BufferedImage turned = ReplySimulator.turn(shift(placed, random.nextInt(-25, 26), random.nextInt(-25, 26), scale),
                random.nextDouble(-maxTurn, maxTurn));
        return switch (this) {
            case SCAN -> new ScanPage(0, noise(turned, random, 6), 300, 300);
            // a photographed sheet turns as a whole within the picture, its corners never cut off
            case PHONE_JPEG -> new ScanPage(0, jpeg(noise(blur(photo(clean300, 150, random.nextDouble(-maxTurn, maxTurn), random),
                    random), random, 12),
                    random.nextDouble(0.35, 0.6)), 150, 150);
            case FAX_FINE, FAX_STANDARD -> ccitt(dropLines(ReplySimulator.fax(turned, 300, dpiY,
                    ReplySimulator.FAX_BLACK_LEVEL + random.nextInt(-16, 17)), random), random.nextBoolean(), encoder);
        };
    }

    /** The sheet in the middle of a white margin of {@code share} of its size on each side. */
    private static BufferedImage onLid(BufferedImage page, double share) {
        int mx = (int) (page.getWidth() * share);
        int my = (int) (page.getHeight() * share);
        BufferedImage out = new BufferedImage(page.getWidth() + 2 * mx, page.getHeight() + 2 * my, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(page, mx, my, null);
        g.dispose();
        return out;
    }

    private static BufferedImage shift(BufferedImage page, int dx, int dy, double scale) {
        BufferedImage out = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        // scaled about the middle of the glass, as a scanner or fax that enlarges or shrinks a little does
        int w = (int) (page.getWidth() * scale);
        int h = (int) (page.getHeight() * scale);
        g.drawImage(page, dx + (page.getWidth() - w) / 2, dy + (page.getHeight() - h) / 2, w, h, null);
        g.dispose();
        return out;
    }

    /**
     * A phone held over the sheet: the whole sheet in the frame with the table round it, seen
     * at a slant (each corner up to 5 mm from where a flat scan would put it), lit unevenly
     * (darker towards one corner), at about {@code dpi}.
     */
    static BufferedImage photo(BufferedImage page, int dpi, double degrees, SplittableRandom random) {
        double factor = dpi / 300.0;
        int w = (int) Math.round(page.getWidth() * factor);
        int h = (int) Math.round(page.getHeight() * factor);
        double slant = 5 / 25.4 * dpi;
        double[][] seen = new double[4][];
        double[][] sheet = {{0, 0}, {page.getWidth(), 0}, {0, page.getHeight()}, {page.getWidth(), page.getHeight()}};
        double fill = random.nextDouble(0.88, 0.93); // the whole sheet in the frame, a little table all round
        double cos = Math.cos(Math.toRadians(degrees));
        double sin = Math.sin(Math.toRadians(degrees));
        for (int i = 0; i < 4; i++) {
            double dx = (sheet[i][0] * factor - w / 2.0) * fill;
            double dy = (sheet[i][1] * factor - h / 2.0) * fill;
            seen[i] = new double[] {w / 2.0 + dx * cos - dy * sin + random.nextDouble(-slant, slant),
                    h / 2.0 + dx * sin + dy * cos + random.nextDouble(-slant, slant)};
        }
        Homography back = Homography.through(seen, sheet);
        var in = page.getRaster();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        var target = out.getRaster();
        double shade = random.nextDouble(0.0, 0.18);
        boolean fromLeft = random.nextBoolean();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double[] p = back.apply(x + 0.5, y + 0.5);
                int sx = (int) Math.floor(p[0] - 0.5);
                int sy = (int) Math.floor(p[1] - 0.5);
                double value;
                if (sx < 0 || sy < 0 || sx + 1 >= page.getWidth() || sy + 1 >= page.getHeight()) {
                    value = 90; // the table
                } else {
                    double fx = p[0] - 0.5 - sx;
                    double fy = p[1] - 0.5 - sy;
                    value = (in.getSample(sx, sy, 0) * (1 - fx) + in.getSample(sx + 1, sy, 0) * fx) * (1 - fy)
                            + (in.getSample(sx, sy + 1, 0) * (1 - fx) + in.getSample(sx + 1, sy + 1, 0) * fx) * fy;
                }
                double across = (fromLeft ? x : w - x) / (double) w * 0.5 + y / (double) h * 0.5;
                row[x] = (int) Math.round(value * (1 - shade * across));
            }
            target.setSamples(0, y, w, 1, 0, row);
        }
        return out;
    }

    /** A phone's focus and shake: a small blur of random strength. */
    private static BufferedImage blur(BufferedImage page, SplittableRandom random) {
        float centre = (float) random.nextDouble(0.3, 1.0);
        float side = (1 - centre) / 8;
        float[] kernel = {side, side, side, side, centre, side, side, side, side};
        BufferedImage out = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        new java.awt.image.ConvolveOp(new java.awt.image.Kernel(3, 3, kernel), java.awt.image.ConvolveOp.EDGE_NO_OP, null)
                .filter(page, out);
        return out;
    }

    /** Speckles of dust and paper texture. */
    private static BufferedImage noise(BufferedImage page, SplittableRandom random, int amount) {
        var raster = page.getRaster();
        int specks = page.getWidth() * page.getHeight() / 4000;
        for (int i = 0; i < specks; i++) {
            int x = random.nextInt(page.getWidth());
            int y = random.nextInt(page.getHeight());
            raster.setSample(x, y, 0, Math.max(0, raster.getSample(x, y, 0) - random.nextInt(amount * 10)));
        }
        return page;
    }

    /** Fax lines lost in transmission: a few rows repeat the row above. */
    private static BufferedImage dropLines(BufferedImage page, SplittableRandom random) {
        var raster = page.getRaster();
        int[] row = new int[page.getWidth()];
        for (int i = 0; i < 3; i++) {
            int y = 1 + random.nextInt(page.getHeight() - 1);
            raster.getSamples(0, y - 1, page.getWidth(), 1, 0, row);
            raster.setSamples(0, y, page.getWidth(), 1, 0, row);
        }
        return page;
    }

    private static BufferedImage jpeg(BufferedImage page, double quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality((float) quality);
            writer.write(null, new IIOImage(page, null, null), param);
        } finally {
            writer.dispose();
        }
        return ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
    }

    /** Through CCITT (by the encoder, or the JDK's T.4 or T.6 at random) and back, as a fax TIFF is written by the machine and read by ofuku. */
    private ScanPage ccitt(BufferedImage bw, boolean t4, FaxEncoders encoder) throws IOException {
        java.nio.file.Path temp = java.nio.file.Files.createTempDirectory("ofuku-fax");
        try {
            java.nio.file.Path tiff = temp.resolve("fax.tif");
            (encoder != null ? encoder : t4 ? FaxEncoders.JDK_T4 : FaxEncoders.JDK_T6).write(bw, dpiY, tiff, temp);
            return PageSource.pages(tiff).get(0);
        } catch (UnreadableFileException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            try (var files = java.nio.file.Files.walk(temp)) {
                for (java.nio.file.Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.deleteIfExists(f);
                }
            }
        }
    }
}
