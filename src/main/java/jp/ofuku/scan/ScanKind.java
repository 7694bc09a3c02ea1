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
 * does: a flatbed scan, a phone photo saved as JPEG, a fax at fine or standard resolution
 * (encoded and decoded with CCITT, with dropped lines).
 */
public enum ScanKind {
    SCAN(300, 300, 1.5),
    PHONE_JPEG(150, 150, 3.0),
    FAX_FINE(204, 196, 1.5),
    FAX_STANDARD(204, 98, 1.5);

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
        double scale = random.nextDouble(0.97, 1.03);
        BufferedImage turned = ReplySimulator.turn(shift(clean300, random.nextInt(-25, 26), random.nextInt(-25, 26), scale),
                random.nextDouble(-maxTurn, maxTurn));
        return switch (this) {
            case SCAN -> new ScanPage(0, noise(turned, random, 6), 300, 300);
            case PHONE_JPEG -> new ScanPage(0, jpeg(resample(noise(turned, random, 12), 150, 150), random.nextDouble(0.35, 0.6)),
                    150, 150);
            case FAX_FINE, FAX_STANDARD -> new ScanPage(0, ccitt(dropLines(ReplySimulator.fax(turned, 300, dpiY,
                    ReplySimulator.FAX_BLACK_LEVEL + random.nextInt(-16, 17)), random)), dpiX, dpiY);
        };
    }

    private static BufferedImage shift(BufferedImage page, int dx, int dy, double scale) {
        BufferedImage out = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(page, dx, dy, (int) (page.getWidth() * scale), (int) (page.getHeight() * scale), null);
        g.dispose();
        return out;
    }

    private static BufferedImage resample(BufferedImage page, int dpiX, int dpiY) {
        int w = page.getWidth() * dpiX / 300;
        int h = page.getHeight() * dpiY / 300;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(page, 0, 0, w, h, null);
        g.dispose();
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

    /** Through CCITT T.6 and back, as a fax TIFF is written by the machine and read by ofuku. */
    private BufferedImage ccitt(BufferedImage bw) throws IOException {
        java.nio.file.Path temp = java.nio.file.Files.createTempFile("ofuku-fax", ".tif");
        try {
            ReplySimulator.writeTiff(List.of(bw), temp, dpiY);
            return PageSource.pages(temp).get(0).image();
        } catch (UnreadableFileException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            java.nio.file.Files.deleteIfExists(temp);
        }
    }
}
