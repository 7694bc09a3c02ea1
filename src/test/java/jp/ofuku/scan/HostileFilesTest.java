package jp.ofuku.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.DeflaterOutputStream;

import javax.imageio.ImageIO;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files made to hurt a reader: each is refused with its reason before it is decoded, so a night's
 * reading goes on (the read job quarantines what is refused). The timeout only guards against a
 * hang; what is asserted is the refusal and its reason.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public class HostileFilesTest {

    @TempDir
    Path dir;

    /** 26 bytes: a header and one page whose next page is itself. The TIFF reader counted pages for ever. */
    public static byte[] selfReferencingTiff() {
        ByteBuffer b = ByteBuffer.allocate(26).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) 1).putShort((short) 256).putShort((short) 4).putInt(1).putInt(1);
        b.putInt(8);
        return b.array();
    }

    @Test
    void aTiffWhosePagePointsAtItselfIsRefusedAtOnce() throws Exception {
        Path loop = Files.write(dir.resolve("loop.tif"), selfReferencingTiff());
        assertThatThrownBy(() -> PageSource.pages(loop)).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("points back at page data already read");
    }

    @Test
    void aTiffOfMorePagesThanAnyFaxIsRefused() throws Exception {
        int pages = PageSource.MAX_PAGES + 1;
        ByteBuffer b = ByteBuffer.allocate(8 + pages * 18).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        for (int i = 0; i < pages; i++) {
            int at = 8 + i * 18;
            b.putShort((short) 1).putShort((short) 256).putShort((short) 4).putInt(1).putInt(1);
            b.putInt(i + 1 < pages ? at + 18 : 0);
        }
        Path many = Files.write(dir.resolve("many.tif"), b.array());
        assertThatThrownBy(() -> PageSource.pages(many)).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("more than " + PageSource.MAX_PAGES + " pages");
    }

    @Test
    void aTiffThatSaysItIsAHundredThousandPixelsSquareIsRefusedBeforeDecoding() throws Exception {
        BufferedImage small = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_BINARY);
        Path tiff = dir.resolve("small.tif");
        ReplySimulator.writeTiff(java.util.List.of(small), tiff, 196);
        byte[] bytes = Files.readAllBytes(tiff);
        // ImageWidth (256) and ImageLength (257) entries: their values made 100,000
        patchTiffTag(bytes, 256, 100_000);
        patchTiffTag(bytes, 257, 100_000);
        Path bomb = Files.write(dir.resolve("bomb.tif"), bytes);
        assertThatThrownBy(() -> PageSource.pages(bomb)).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("beyond any scanned form");
    }

    @Test
    void aJpegThatSaysItIsSixtyThousandPixelsSquareIsRefusedBeforeDecoding() throws Exception {
        BufferedImage small = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(small, "jpeg", out);
        byte[] bytes = out.toByteArray();
        for (int i = 2; i + 8 < bytes.length; i++) {
            // the frame header (SOF0, FF C0): height and width follow its length and precision
            if ((bytes[i] & 0xFF) == 0xFF && (bytes[i + 1] & 0xFF) == 0xC0) {
                bytes[i + 5] = (byte) 0xEA;
                bytes[i + 6] = (byte) 0x60;
                bytes[i + 7] = (byte) 0xEA;
                bytes[i + 8] = (byte) 0x60;
                break;
            }
        }
        Path bomb = Files.write(dir.resolve("bomb.jpg"), bytes);
        assertThatThrownBy(() -> PageSource.pages(bomb)).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("beyond any scanned form");
    }

    @Test
    void aPdfHoldingAnImageOfSixtyThousandPixelsSquareIsRefusedBeforeRendering() throws Exception {
        Path pdf = dir.resolve("bomb.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            COSStream stream = doc.getDocument().createCOSStream();
            ByteArrayOutputStream zeros = new ByteArrayOutputStream();
            try (DeflaterOutputStream z = new DeflaterOutputStream(zeros)) {
                z.write(new byte[1 << 16]);
            }
            try (var raw = stream.createRawOutputStream()) {
                raw.write(zeros.toByteArray());
            }
            stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
            stream.setItem(COSName.TYPE, COSName.XOBJECT);
            stream.setItem(COSName.SUBTYPE, COSName.IMAGE);
            stream.setInt(COSName.WIDTH, 60_000);
            stream.setInt(COSName.HEIGHT, 60_000);
            stream.setInt(COSName.BITS_PER_COMPONENT, 8);
            stream.setItem(COSName.COLORSPACE, COSName.DEVICEGRAY);
            PDImageXObject image = new PDImageXObject(new PDStream(stream), null);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.drawImage(image, 0, 0, 595, 842);
            }
            doc.save(pdf.toFile());
        }
        assertThatThrownBy(() -> PageSource.pages(pdf)).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("60000 × 60000 pixels");
    }

    @Test
    void aPdfOfPagesMetresLongIsRefusedBeforeRendering() throws Exception {
        Path pdf = dir.resolve("long.pdf");
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage(new PDRectangle(595, 14_400)));
            doc.save(pdf.toFile());
        }
        assertThatThrownBy(() -> PageSource.pages(pdf)).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("mm: not a form");
    }

    @Test
    void aPdfOfTenThousandPagesIsRefusedBeforeRendering() throws Exception {
        Path pdf = dir.resolve("ten-thousand.pdf");
        try (PDDocument doc = new PDDocument()) {
            for (int i = 0; i < 10_000; i++) {
                doc.addPage(new PDPage(PDRectangle.A4));
            }
            doc.save(pdf.toFile());
        }
        assertThatThrownBy(() -> PageSource.pages(pdf)).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("10000 pages");
    }

    /**
     * One A4 page drawn by {@code operations} filled rectangles: a few kilobytes that take a
     * renderer a minute or more per million operations. Nothing about it is out of bounds; only
     * the time it takes gives it away.
     */
    public static byte[] slowPdf(int operations) throws Exception {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDStream content = new PDStream(doc);
            try (var z = content.createOutputStream(COSName.FLATE_DECODE)) {
                byte[] fill = "0 0 595 842 re f\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                for (int i = 0; i < operations; i++) {
                    z.write(fill);
                }
            }
            page.setContents(content);
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void aPageOfMillionsOfDrawingOperationsStopsBeingDrawnWhenItsReadingIsGivenUp() throws Exception {
        Path slow = Files.write(dir.resolve("slow.pdf"), slowPdf(200_000));
        java.util.concurrent.atomic.AtomicReference<Throwable> ended = new java.util.concurrent.atomic.AtomicReference<>();
        Thread drawing = new Thread(() -> {
            try {
                PageSource.pages(slow);
            } catch (Throwable t) {
                ended.set(t);
            }
        });
        drawing.start();
        Thread.sleep(1_000);
        assertThat(drawing.isAlive()).as("still drawing after a second").isTrue();
        drawing.interrupt();
        drawing.join(30_000);
        assertThat(drawing.isAlive()).as("stopped drawing once interrupted").isFalse();
        assertThat(ended.get()).isInstanceOf(UnreadableFileException.class).hasMessageContaining("drawing the page was given up");
    }

    /** Sets the (SHORT or LONG) value of a tag in the first directory of a little- or big-endian TIFF. */
    private static void patchTiffTag(byte[] bytes, int tag, int value) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(bytes[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd = b.getInt(4);
        int entries = b.getShort(ifd) & 0xFFFF;
        for (int i = 0; i < entries; i++) {
            int at = ifd + 2 + 12 * i;
            if ((b.getShort(at) & 0xFFFF) == tag) {
                b.putShort(at + 2, (short) 4);
                b.putInt(at + 4, 1);
                b.putInt(at + 8, value);
                return;
            }
        }
        throw new AssertionError("no tag " + tag);
    }
}
