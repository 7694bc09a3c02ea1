package jp.ofuku.letters;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/** Reply forms as a scanner or fax would deliver them, made from the real print output, with marks drawn in. */
public final class FormImages {

    private FormImages() {
    }

    public static MailPiece piece(long serial) {
        return LetterFixtures.piece(serial, "佐藤　一郎", "往復市緑町3丁目30-8", "ja", false);
    }

    public static FormSeal seal() {
        return LetterFixtures.context().seal();
    }

    /** The reply form page of a piece, rendered at {@code dpi} in gray. */
    public static BufferedImage render(MailPiece piece, float dpi, Path work) throws Exception {
        Path pdf = work.resolve("form-" + piece.formCode() + ".pdf");
        PrintFile.render(pdf, List.of(piece), LetterFixtures.context(), "test");
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFRenderer(doc).renderImageWithDPI(1, dpi, ImageType.GRAY);
        } finally {
            Files.deleteIfExists(pdf);
        }
    }

    /** A tick in a box of the form, drawn with a pen of {@code penMm} at gray level {@code gray}. */
    public static void tick(BufferedImage page, ReplyFormLayout.Box box, float dpi, double penMm, int gray) {
        new jp.ofuku.scan.MarkPen(page, dpi).mark(box, jp.ofuku.scan.MarkPen.Style.TICK, penMm, gray, 0);
    }

    /** The page turned by {@code degrees} about its centre, white where nothing was. */
    public static BufferedImage rotate(BufferedImage page, double degrees) {
        return jp.ofuku.scan.ReplySimulator.turn(page, degrees);
    }

    /** As a standard-resolution fax: 204 × 98 dpi, black and white. */
    public static BufferedImage faxStandard(BufferedImage page, float dpi) {
        return jp.ofuku.scan.ReplySimulator.fax(page, dpi, 98);
    }

    /** Writes pages as one multi-page TIFF (CCITT T.6 for black-and-white pages) at 204 × {@code dpiY} dpi. */
    public static void writeTiff(List<BufferedImage> pages, Path file, int dpiY) throws Exception {
        jp.ofuku.scan.ReplySimulator.writeTiff(pages, file, dpiY);
    }

    /** Page {@code index} (0-based) of a printed PDF, rendered at {@code dpi} in gray. */
    public static BufferedImage page(Path pdf, int index, float dpi) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFRenderer(doc).renderImageWithDPI(index, dpi, ImageType.GRAY);
        }
    }

    /** A black-and-white copy at a fax resolution (204 × 196 "fine" or 204 × 98 "standard"). */
    public static BufferedImage fax(BufferedImage page, float dpi, int dpiY) {
        return jp.ofuku.scan.ReplySimulator.fax(page, dpi, dpiY);
    }

    /** Scribbles over the form's QR code until no decoder can read it: a torn corner, a coffee stain. */
    public static void destroyQr(BufferedImage page, float dpi) {
        double px = dpi / 25.4;
        var g = page.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect((int) (ReplyFormLayout.QR_X * px), (int) (ReplyFormLayout.QR_Y * px), (int) (13 * px), (int) (26 * px));
        g.setColor(java.awt.Color.BLACK);
        g.fillRect((int) ((ReplyFormLayout.QR_X + 15) * px), (int) ((ReplyFormLayout.QR_Y + 4) * px), (int) (8 * px), (int) (8 * px));
        g.dispose();
    }

    /** The form's QR code covered whole, as with correction tape ({@code WHITE}) or a marker ({@code BLACK}). */
    public static void coverQr(BufferedImage page, float dpi, java.awt.Color cover) {
        double px = dpi / 25.4;
        var g = page.createGraphics();
        g.setColor(cover);
        g.fillRect((int) ((ReplyFormLayout.QR_X - 1) * px), (int) ((ReplyFormLayout.QR_Y - 1) * px), (int) ((ReplyFormLayout.QR_SIZE + 2) * px),
                (int) ((ReplyFormLayout.QR_SIZE + 2) * px));
        g.dispose();
    }

    /** A page that is not a form of ours, at 200 dpi: a fax cover sheet or a note, one line of {@code text}. */
    public static BufferedImage notAForm(String text) {
        BufferedImage page = new BufferedImage(1654, 2339, BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = page.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, page.getWidth(), page.getHeight());
        g.setColor(java.awt.Color.BLACK);
        g.setFont(new java.awt.Font(java.awt.Font.SERIF, java.awt.Font.PLAIN, 60));
        g.drawString(text, 150, 300);
        g.dispose();
        return page;
    }
}
