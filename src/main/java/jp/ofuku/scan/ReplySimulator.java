package jp.ofuku.scan;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.plugins.tiff.TIFFTagSet;
import javax.imageio.stream.ImageOutputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import jp.ofuku.letters.ReplyFormLayout;

/**
 * Residents replying, for the demo and for tests: takes a printed print file, marks some
 * options on some of its reply forms (ticks, crosses, filled boxes, circles round rows; pen
 * width, darkness, size and position vary), turns and shifts them a little, and "sends" them as a scanner or fax would:
 * PNG scans, fax TIFFs (CCITT T.4 fine, T.6 standard) at 204 × 196 and 204 × 98 dpi. The truth of every page is
 * written beside the images, so what is read can be checked.
 */
public final class ReplySimulator {

    public static final List<String> TRUTH_HEADER = List.of("file", "page", "form_code", "marked_options", "extra");

    private final SplittableRandom random;

    public ReplySimulator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Writes replies for about {@code share} of the pieces into {@code inbox}; returns how many. */
    public int replies(Path pdf, Path manifest, Path inbox, double share) throws IOException {
        Files.createDirectories(inbox);
        List<CSVRecord> pieces;
        try (Reader in = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            pieces = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
        int written = 0;
        try (PDDocument document = Loader.loadPDF(pdf.toFile());
                CSVPrinter truth = new CSVPrinter(Files.newBufferedWriter(inbox.resolve("truth.csv.txt")), CSVFormat.RFC4180)) {
            truth.printRecord(TRUTH_HEADER);
            PDFRenderer renderer = new PDFRenderer(document);
            List<BufferedImage> faxStandard = new ArrayList<>();
            for (CSVRecord piece : pieces) {
                if (random.nextDouble() >= share) {
                    continue;
                }
                int formPage = Integer.parseInt(piece.get("first_page"));  // 1-based letter page; the form follows
                int options = piece.get("options").split(";").length;
                BufferedImage page = renderer.renderImageWithDPI(formPage, 200, ImageType.GRAY);
                TreeSet<Integer> marked = new TreeSet<>();
                List<String> extra = new ArrayList<>();
                mark(page, 200, options, marked, extra);
                BufferedImage sent = turn(page, random.nextDouble(-1.5, 1.5));
                String code = piece.get("form_code");
                int mode = written % 3;
                String file;
                int pageNo = 1;
                if (mode == 0) {
                    file = "scan-" + code + ".png";
                    ImageIO.write(sent, "png", inbox.resolve(file).toFile());
                } else if (mode == 1) {
                    file = "fax-fine-" + code + ".tif";
                    writeTiff(List.of(fax(sent, 200, 196)), inbox.resolve(file), 196, "CCITT T.4");
                } else {
                    faxStandard.add(fax(sent, 200, 98));
                    file = "fax-standard-batch.tif";
                    pageNo = faxStandard.size();
                }
                truth.printRecord(file, pageNo, code, join(marked), String.join(";", extra));
                written++;
            }
            if (!faxStandard.isEmpty()) {
                writeTiff(faxStandard, inbox.resolve("fax-standard-batch.tif"), 98);
            }
        }
        return written;
    }

    /** What a resident marked on a form. */
    public record Truth(List<Integer> marked, List<String> extra, String style) {
    }

    /** Marks a rendered form at random, as a resident would, and returns what was marked. */
    public Truth mark(BufferedImage page, double dpi, int options) {
        TreeSet<Integer> marked = new TreeSet<>();
        List<String> extra = new ArrayList<>();
        String style = mark(page, dpi, options, marked, extra);
        return new Truth(List.copyOf(marked), List.copyOf(extra), style);
    }

    /** Marks the page; returns how ("tick", "cross (pencil)"…). */
    private String mark(BufferedImage page, double dpi, int options, TreeSet<Integer> marked, List<String> extra) {
        ReplyFormLayout layout = new ReplyFormLayout(false, options);
        MarkPen pen = new MarkPen(page, dpi, random);
        int roll = random.nextInt(20);
        if (roll == 0) {
            pen.mark(layout.declineBox(), MarkPen.Style.TICK, 0.6, 30, random.nextDouble(-1, 1));
            extra.add("decline");
            return "tick";
        }
        if (roll == 1) {
            pen.mark(layout.noneBox(), MarkPen.Style.CROSS, 0.6, 30, random.nextDouble(-1, 1));
            extra.add("other_dates");
            return "cross";
        }
        int count = 1 + random.nextInt(4);
        while (marked.size() < count) {
            marked.add(1 + random.nextInt(options));
        }
        MarkPen.Style style = MarkPen.Style.ANSWERS[random.nextInt(MarkPen.Style.ANSWERS.length)];
        double penMm = random.nextDouble(0.4, 0.9);
        // ink or ballpoint mostly; one in eight a soft pencil; and no hand presses the same on every mark
        int gray = random.nextInt(8) == 0 ? random.nextInt(90, 140) : random.nextInt(0, 90);
        for (int k : marked) {
            int pressed = Math.max(0, Math.min(150, gray + random.nextInt(-25, 26)));
            pen.mark(layout.optionBox(k), style, penMm * random.nextDouble(0.85, 1.15), pressed, random.nextDouble(-1, 1));
        }
        if (random.nextInt(10) == 0) {
            pen.mark(layout.needBox(0), MarkPen.Style.TICK, penMm, gray, 0);
            extra.add("wheelchair");
        }
        return style.name().toLowerCase(java.util.Locale.ROOT) + (gray >= 90 ? Accuracy.PENCIL : "");
    }

    private static String join(TreeSet<Integer> values) {
        return String.join(";", values.stream().map(String::valueOf).toList());
    }

    /** A stain or tear over part of the form's QR code, the way a page gets damaged in the post. */
    public static void stain(BufferedImage page, double dpi, SplittableRandom random) {
        double px = dpi / 25.4;
        Graphics2D g = page.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double size = random.nextDouble(10, 16);
        double x = ReplyFormLayout.QR_X + random.nextDouble(0, ReplyFormLayout.QR_SIZE - size);
        double y = ReplyFormLayout.QR_Y + random.nextDouble(0, ReplyFormLayout.QR_SIZE - size);
        boolean tear = random.nextBoolean();
        g.setColor(tear ? Color.WHITE : new Color(70, 70, 70));
        g.fill(new java.awt.geom.Ellipse2D.Double(x * px, y * px, size * px, size * 0.8 * px));
        g.dispose();
    }

    public static BufferedImage turn(BufferedImage page, double degrees) {
        BufferedImage out = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(page, AffineTransform.getRotateInstance(Math.toRadians(degrees), page.getWidth() / 2.0,
                page.getHeight() / 2.0), null);
        g.dispose();
        return out;
    }

    /** Black and white at 204 dpi across and {@code dpiY} down, as a fax machine scans in text mode. */
    public static BufferedImage fax(BufferedImage page, double dpi, int dpiY) {
        return fax(page, dpi, dpiY, FAX_BLACK_LEVEL);
    }

    /**
     * A fax machine's text mode sets its black level from the paper's white: gray below about
     * 70 % of white prints black, so a firm pencil line survives and a very light one does not.
     */
    public static final int FAX_BLACK_LEVEL = 176;

    /**
     * Black and white at 204 × {@code dpiY} dpi, as a fax machine's contact sensor sees the page:
     * each of its elements (1/8 mm square) takes the mean light of the paper under it, one row of
     * elements every 1/{@code dpiY} inch as the sheet moves past (a standard fax steps 0.26 mm and
     * so does not see what lies between its rows), then black below {@code blackLevel}.
     */
    public static BufferedImage fax(BufferedImage page, double dpi, int dpiY, int blackLevel) {
        int w = (int) Math.round(page.getWidth() * 204 / dpi);
        int h = (int) Math.round(page.getHeight() * dpiY / dpi);
        double aperture = dpi / 204;
        Aperture across = new Aperture(page.getWidth(), w, dpi / 204, aperture);
        Aperture down = new Aperture(page.getHeight(), h, dpi / dpiY, aperture);
        var in = GrayPage.gray(page).getRaster();
        float[] rowsAcross = new float[page.getHeight() * w];
        float[] source = new float[page.getWidth()];
        for (int y = 0; y < page.getHeight(); y++) {
            in.getSamples(0, y, page.getWidth(), 1, 0, source);
            for (int x = 0; x < w; x++) {
                rowsAcross[y * w + x] = (float) across.mean(source, 0, 1, x);
            }
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY);
        var target = out.getRaster();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                row[x] = down.mean(rowsAcross, x, w, y) < blackLevel ? 0 : 1;
            }
            target.setSamples(0, y, w, 1, 0, row);
        }
        return out;
    }

    /** Which source pixels one sensor element covers along one axis, and how much of each. */
    private static final class Aperture {
        private final int[] first;
        private final double[][] weights;

        Aperture(int sourceLength, int length, double pitch, double width) {
            first = new int[length];
            weights = new double[length][];
            for (int i = 0; i < length; i++) {
                double centre = (i + 0.5) * pitch;
                double from = Math.max(0, centre - width / 2);
                double to = Math.min(sourceLength, centre + width / 2);
                int a = (int) Math.floor(from);
                int b = Math.max(a, (int) Math.ceil(to) - 1);
                double[] wt = new double[b - a + 1];
                double sum = 0;
                for (int k = a; k <= b; k++) {
                    wt[k - a] = Math.max(0, Math.min(to, k + 1) - Math.max(from, k));
                    sum += wt[k - a];
                }
                for (int k = 0; k < wt.length; k++) {
                    wt[k] = sum > 0 ? wt[k] / sum : 0;
                }
                first[i] = Math.min(a, sourceLength - 1);
                weights[i] = sum > 0 ? wt : new double[] {1};
            }
        }

        double mean(float[] values, int offset, int stride, int i) {
            double m = 0;
            double[] wt = weights[i];
            for (int k = 0; k < wt.length; k++) {
                m += wt[k] * values[offset + (first[i] + k) * stride];
            }
            return m;
        }
    }

    /** A multi-page TIFF, CCITT T.6, 204 dpi across and {@code dpiY} down, with the JDK's own writer. */
    public static void writeTiff(List<BufferedImage> pages, Path file, int dpiY) throws IOException {
        writeTiff(pages, file, dpiY, "CCITT T.6");
    }

    /**
     * A multi-page TIFF with the JDK's own writer: black-and-white pages compressed with
     * {@code ccitt} ("CCITT T.4", the 2-D coding fax machines send, or "CCITT T.6"), others LZW.
     */
    public static void writeTiff(List<BufferedImage> pages, Path file, int dpiY, String ccitt) throws IOException {
        ImageWriter writer = null;
        for (var it = ImageIO.getImageWritersByFormatName("tiff"); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.imageio")) {
                writer = w;
            }
        }
        if (writer == null) {
            throw new IOException("the JDK's TIFF writer is missing");
        }
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            BaselineTIFFTagSet base = BaselineTIFFTagSet.getInstance();
            for (BufferedImage page : pages) {
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType(page.getType() == BufferedImage.TYPE_BYTE_BINARY ? ccitt : "LZW");
                TIFFDirectory dir = new TIFFDirectory(new TIFFTagSet[] {base}, null);
                dir.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_X_RESOLUTION), TIFFTag.TIFF_RATIONAL, 1,
                        new long[][] {{204, 1}}));
                dir.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_Y_RESOLUTION), TIFFTag.TIFF_RATIONAL, 1,
                        new long[][] {{dpiY, 1}}));
                writer.writeToSequence(new IIOImage(page, null, dir.getAsMetadata()), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }
}
