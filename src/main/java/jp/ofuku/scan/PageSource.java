package jp.ofuku.scan;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.stream.ImageInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.PageDrawer;
import org.apache.pdfbox.rendering.PageDrawerParameters;

/**
 * Decodes a received file into pages: TIFF (every page; CCITT G3/G4, LZW, uncompressed, with
 * the JDK's own reader), PNG, JPEG, and PDF (rendered). What it cannot decode, or will not
 * (absurd dimensions, a decompression bomb), is an {@link UnreadableFileException} naming why.
 */
public final class PageSource {

    /** No page of a form exceeds A3 at 600 dpi; beyond this a file is refused before decoding. */
    static final long MAX_PIXELS = 10_000L * 14_000L;
    static final int MAX_SIDE = 30_000;
    static final float PDF_DPI = 200;
    /** More pages than any fax or scanned batch: a 2,000-page fax is read, ten thousand pages are not a reply. */
    static final int MAX_PAGES = 5_000;

    private PageSource() {
    }

    public static Kind kindOf(Path file) throws IOException {
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 4 && ((head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0)
                || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42))) {
            return Kind.TIFF;
        }
        if (n >= 4 && head[0] == '%' && head[1] == 'P' && head[2] == 'D' && head[3] == 'F') {
            return Kind.PDF;
        }
        if (n >= 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
            return Kind.PNG;
        }
        if (n >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return Kind.JPEG;
        }
        return Kind.UNKNOWN;
    }

    public enum Kind { TIFF, PDF, PNG, JPEG, UNKNOWN }

    /** What is done with each page as it is decoded. */
    @FunctionalInterface
    public interface PageHandler {
        void page(ScanPage page) throws Exception;
    }

    /** Every page of the file, decoded (for small files and tests: a long fax is better read page by page). */
    public static List<ScanPage> pages(Path file) throws UnreadableFileException {
        List<ScanPage> pages = new ArrayList<>();
        try {
            each(file, pages::add);
        } catch (UnreadableFileException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return pages;
    }

    /**
     * Decodes the file page by page, handing each to {@code handler} before decoding the next, so
     * a 2,000-page fax needs the memory of one page. Returns the number of pages. Every page is
     * checked before any is handed over, so a file refused is refused before anything is read.
     */
    public static int each(Path file, PageHandler handler) throws Exception {
        try {
            Kind kind = kindOf(file);
            return switch (kind) {
                case PDF -> pdf(file, handler);
                case TIFF, PNG, JPEG -> image(file, kind, handler);
                case UNKNOWN -> throw new UnreadableFileException("not an image or PDF (TIFF, PDF, PNG and JPEG are read)");
            };
        } catch (UnreadableFileException e) {
            throw e;
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            throw new UnreadableFileException("cannot be decoded: " + describe(e), e);
        }
    }

    /** What the TIFF reader warns of that is how an encoder wrote, not damage (libtiff's T.4 with fill bits). */
    private static final java.util.Set<String> QUIRKS = java.util.Set.of("T.4 compressed data should begin with EOL.");

    private static int image(Path file, Kind kind, PageHandler handler) throws Exception {
        if (kind == Kind.TIFF) {
            TiffChain.pages(file, MAX_PAGES);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = jdkReader(kind);
            try {
                reader.setInput(in, false, false);
                int count = reader.getNumImages(true);
                if (count <= 0) {
                    throw new UnreadableFileException("has no pages");
                }
                for (int i = 0; i < count; i++) {
                    int w = reader.getWidth(i);
                    int h = reader.getHeight(i);
                    if (w <= 0 || h <= 0 || w > MAX_SIDE || h > MAX_SIDE || (long) w * h > MAX_PIXELS) {
                        throw new UnreadableFileException(String.format(Locale.ROOT,
                                "page %d is %d × %d pixels: beyond any scanned form (a damaged file or a decompression bomb)",
                                i + 1, w, h));
                    }
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                for (int i = 0; i < count; i++) {
                    BufferedImage image;
                    List<String> damage;
                    warnings.clear();
                    try {
                        // fax data is decoded by ofuku's own decoder, which tells damage from an encoder's quirks
                        var fax = kind == Kind.TIFF ? FaxTiff.decode(in, reader.getImageMetadata(i), reader.getWidth(i),
                                reader.getHeight(i)) : java.util.Optional.<FaxDecoder.Decoded>empty();
                        if (fax.isPresent()) {
                            image = fax.get().image();
                            damage = fax.get().notes();
                        } else {
                            image = reader.read(i);
                            damage = warnings.stream().filter(w -> !QUIRKS.contains(w)).toList();
                        }
                    } catch (IOException | RuntimeException e) {
                        throw new UnreadableFileException("page " + (i + 1) + " of " + count + " cannot be decoded: " + describe(e), e);
                    }
                    double[] dpi = kind == Kind.TIFF ? tiffDpi(reader.getImageMetadata(i)) : new double[] {0, 0};
                    handler.page(new ScanPage(i, image, dpi[0], dpi[1], damage));
                }
                return count;
            } finally {
                reader.dispose();
            }
        }
    }

    /** The JDK's own reader: libraries on the class path bring other TIFF readers that decode CCITT differently. */
    private static ImageReader jdkReader(Kind kind) throws UnreadableFileException {
        String format = kind.name().toLowerCase(Locale.ROOT);
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        ImageReader fallback = null;
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            if (r.getClass().getName().startsWith("com.sun.imageio.plugins.")) {
                return r;
            }
            fallback = fallback == null ? r : fallback;
        }
        if (fallback == null) {
            throw new UnreadableFileException("no decoder for " + format);
        }
        return fallback;
    }

    /** Resolutions a scanner, a fax or a phone may state (fax standard is 98 lines per inch). */
    private static final double MIN_DPI = 50;
    private static final double MAX_DPI = 1200;

    /** X and Y resolution in dpi from the TIFF tags; 0 when the file does not say or says what no device does. */
    static double[] tiffDpi(IIOMetadata metadata) {
        try {
            TIFFDirectory dir = TIFFDirectory.createFromMetadata(metadata);
            TIFFField x = dir.getTIFFField(BaselineTIFFTagSet.TAG_X_RESOLUTION);
            TIFFField y = dir.getTIFFField(BaselineTIFFTagSet.TAG_Y_RESOLUTION);
            TIFFField unit = dir.getTIFFField(BaselineTIFFTagSet.TAG_RESOLUTION_UNIT);
            double scale = unit != null && unit.getAsInt(0) == BaselineTIFFTagSet.RESOLUTION_UNIT_CENTIMETER ? 2.54 : 1;
            double dx = x == null ? 0 : rational(x) * scale;
            double dy = y == null ? dx : rational(y) * scale;
            // a resolution no scanner or fax uses (a damaged tag) is not believed: the page is taken as A4 wide
            boolean believable = dx >= MIN_DPI && dx <= MAX_DPI && dy >= MIN_DPI && dy <= MAX_DPI
                    && Math.max(dx, dy) / Math.min(dx, dy) <= 4;
            return believable ? new double[] {dx, dy} : new double[] {0, 0};
        } catch (RuntimeException | javax.imageio.metadata.IIOInvalidTreeException e) {
            return new double[] {0, 0};
        }
    }

    private static double rational(TIFFField field) {
        long[] r = field.getAsRational(0);
        return r[1] == 0 ? 0 : (double) r[0] / r[1];
    }

    private static int pdf(Path file, PageHandler handler) throws Exception {
        try (PDDocument document = Loader.loadPDF(file.toFile())) {
            int count = document.getNumberOfPages();
            if (count == 0) {
                throw new UnreadableFileException("the PDF has no pages");
            }
            if (count > MAX_PAGES) {
                throw new UnreadableFileException("it holds " + count + " pages, more than " + MAX_PAGES + ": no fax or scan is that long");
            }
            PDFRenderer renderer = new StoppableRenderer(document);
            for (int i = 0; i < count; i++) {
                var box = document.getPage(i).getMediaBox();
                if (box.getWidth() / 72 * PDF_DPI > MAX_SIDE || box.getHeight() / 72 * PDF_DPI > MAX_SIDE) {
                    throw new UnreadableFileException("page " + (i + 1) + " is " + Math.round(box.getWidth() / 72 * 25.4)
                            + " × " + Math.round(box.getHeight() / 72 * 25.4) + " mm: not a form");
                }
                imagesWithin(document.getPage(i), i);
            }
            for (int i = 0; i < count; i++) {
                ScanPage page;
                try {
                    page = scannedImage(document.getPage(i), i).orElse(null);
                    if (page == null) {
                        page = new ScanPage(i, renderer.renderImageWithDPI(i, PDF_DPI, ImageType.GRAY), PDF_DPI, PDF_DPI);
                    }
                } catch (IOException | RuntimeException e) {
                    throw new UnreadableFileException("page " + (i + 1) + " of " + count + " cannot be decoded: " + describe(e), e);
                }
                handler.page(page);
            }
            return count;
        }
    }

    /**
     * A renderer that stops drawing when its thread is interrupted: a page of millions of
     * drawing operations (a few kilobytes compressed) would otherwise keep a core for minutes
     * after the reading gave it up.
     */
    private static final class StoppableRenderer extends PDFRenderer {

        StoppableRenderer(PDDocument document) {
            super(document);
        }

        @Override
        protected PageDrawer createPageDrawer(PageDrawerParameters parameters) throws IOException {
            return new PageDrawer(parameters) {
                @Override
                protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedIOException("drawing the page was given up");
                    }
                    super.processOperator(operator, operands);
                }
            };
        }
    }

    /**
     * Refuses a page whose images (directly on it, or in forms it draws) would decode to more
     * pixels than any scan: a decompression bomb is found by its stated size, before decoding.
     */
    private static void imagesWithin(PDPage page, int index) throws IOException, UnreadableFileException {
        PDResources resources = page.getResources();
        if (resources != null) {
            imagesWithin(resources, index, 0);
        }
    }

    private static void imagesWithin(PDResources resources, int index, int depth) throws IOException, UnreadableFileException {
        if (depth > 8) {
            throw new UnreadableFileException("page " + (index + 1) + " nests its drawings too deep to be a scan");
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject x = resources.getXObject(name);
            if (x instanceof PDImageXObject image && (long) image.getWidth() * image.getHeight() > MAX_PIXELS) {
                throw new UnreadableFileException(String.format(Locale.ROOT,
                        "page %d holds an image of %d × %d pixels: beyond any scanned form (a decompression bomb)", index + 1,
                        image.getWidth(), image.getHeight()));
            }
            if (x instanceof org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject form && form.getResources() != null) {
                imagesWithin(form.getResources(), index, depth + 1);
            }
        }
    }

    /**
     * A scanner's PDF page is one image covering the page: that image is the scan, decoded as it
     * is (a JPEG straight through the JDK's decoder) rather than rendered again. Anything else
     * (text, several images, a turned page) is rendered.
     */
    static java.util.Optional<ScanPage> scannedImage(PDPage page, int index) throws IOException, UnreadableFileException {
        if (page.getRotation() % 360 != 0) {
            return java.util.Optional.empty();
        }
        PDResources resources = page.getResources();
        if (resources == null || resources.getFontNames().iterator().hasNext()) {
            return java.util.Optional.empty();
        }
        PDImageXObject image = null;
        for (COSName name : resources.getXObjectNames()) {
            PDXObject x = resources.getXObject(name);
            if (!(x instanceof PDImageXObject found) || image != null) {
                return java.util.Optional.empty();
            }
            image = found;
        }
        if (image == null || image.getWidth() <= 0 || image.getHeight() <= 0) {
            return java.util.Optional.empty();
        }
        PDRectangle box = page.getCropBox();
        double pageRatio = box.getWidth() / box.getHeight();
        double imageRatio = (double) image.getWidth() / image.getHeight();
        if (Math.abs(pageRatio / imageRatio - 1) > 0.03) {
            return java.util.Optional.empty();
        }
        if ((long) image.getWidth() * image.getHeight() > MAX_PIXELS) {
            throw new UnreadableFileException("page " + (index + 1) + " holds a " + image.getWidth() + " × " + image.getHeight()
                    + " pixel image: beyond any scanned form (a damaged file or a decompression bomb)");
        }
        double dpi = image.getWidth() / (box.getWidth() / 72.0);
        BufferedImage decoded = null;
        List<COSName> filters = image.getStream().getFilters();
        if (filters.size() == 1 && COSName.DCT_DECODE.equals(filters.get(0)) && image.getDecode() == null) {
            try (InputStream raw = image.getStream().createInputStream(List.of(COSName.DCT_DECODE.getName()))) {
                decoded = ImageIO.read(raw);
            } catch (IOException e) {
                decoded = null; // CMYK and other JPEGs the JDK cannot read: PDFBox decodes them below
            }
        }
        if (decoded == null) {
            decoded = image.getImage();
        }
        return java.util.Optional.of(new ScanPage(index, decoded, dpi, dpi));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
