package jp.ofuku.scan;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import jp.ofuku.letters.FormCode;
import jp.ofuku.letters.FormSeal;
import jp.ofuku.letters.LetterContext;
import jp.ofuku.letters.LetterProperties;
import jp.ofuku.letters.MailPiece;
import jp.ofuku.letters.MunicipalityProperties;
import jp.ofuku.letters.PrintFile;
import jp.ofuku.letters.ReplyFormLayout;
import jp.ofuku.handmarks.HandMarks;
import jp.ofuku.handmarks.Pen;

/**
 * How well forms are read, measured on pages the project makes itself: real reply forms from
 * the print pipeline, marked at random, delivered through each channel, read, and compared
 * with what was marked. The figure that matters most is the silent errors: accepted readings
 * that differ from the truth. It must be zero.
 */
public final class Accuracy {

    static final int BATCH = 50;
    static final int REVIEW_EXAMPLES = 24;
    /** Reviewed pages kept of one mark type, so that a rare type is seen beside the common ones. */
    static final int REVIEW_EXAMPLES_OF_A_TYPE = 3;

    private final SplittableRandom random;

    public Accuracy(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Tallies of one channel. */
    public static final class Tally {
        public int pages;
        public int identified;
        /** Pages known by their printed digits alone (their sealed code unreadable): a person confirms each, by design. */
        public int digitsOnly;
        public int accepted;
        public int review;
        public int silentErrors;
        public int markedRead;
        public int markedMissed;
        public int emptyRead;
        public int emptyFalselyMarked;
        public int unsureBoxes;
        /** Time spent reading (not generating), summed over threads. */
        public double seconds;
        /** The darkest truly empty box and the faintest truly marked one: the room the thresholds have. */
        public double maxEmptyInk;
        public double minMarkedInk = 1;
        /** Why pages went to review, and how many. */
        public final Map<String, Integer> reviewReasons = new java.util.TreeMap<>();
        /** The pages worth a developer's look (silent errors, pages not found to be forms), as saved beside the run. */
        public final List<String> examples = new ArrayList<>();
        /** A few pages sent to review, saved with what was marked and why, for a developer's look. */
        public final List<String> reviewed = new ArrayList<>();
        /** How many of {@link #reviewed} are of each mark type. */
        private final Map<String, Integer> reviewedTypes = new java.util.HashMap<>();
        /** By mark type ("tick", "circle (pencil)"): pages, accepted, silent errors. */
        public final Map<String, int[]> byType = new java.util.TreeMap<>();
        /** Options marked by a circle round their row, read as marked. */
        public int circlesRead;

        /** The share accepted of the pages whose sealed code was readable: the pages a machine may accept at all. */
        public double acceptedOfSealed() {
            return pages == digitsOnly ? 0 : (double) accepted / (pages - digitsOnly);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,6d pages  identified %6.2f %%  accepted %6.2f %% (of sealed %6.2f %%)  review %6.2f %%"
                    + "  silent errors %d"
                    + "  | boxes: marked→marked %,d, marked→empty %,d, empty→empty %,d, empty→marked %,d, unsure %,d"
                    + "  | ink: empty ≤ %.4f, marked ≥ %.4f  | %.1f pages/s  | circled rows read %,d  | review: %s",
                    pages, 100.0 * identified / pages, 100.0 * accepted / pages, 100.0 * acceptedOfSealed(), 100.0 * review / pages,
                    silentErrors, markedRead,
                    markedMissed, emptyRead, emptyFalselyMarked, unsureBoxes, maxEmptyInk, minMarkedInk,
                    pages / Math.max(seconds, 1e-9), circlesRead, reviewReasons.isEmpty() ? "none" : reviewReasons);
        }
    }

    /**
     * Who marks the forms: the project's own {@link ReplySimulator} (Java2D strokes, the reader's
     * own tests) or {@link HandMarks}, written apart from the reader, drawing strokes as hands do.
     */
    public enum Generator {
        SIMULATOR, HAND;

        Marker marker(long seed) {
            return switch (this) {
                case SIMULATOR -> {
                    ReplySimulator simulator = new ReplySimulator(seed);
                    yield (page, dpi, options) -> {
                        ReplySimulator.Truth t = simulator.mark(page, dpi, options);
                        return new Truth(t.marked(), t.extra(), t.style());
                    };
                }
                case HAND -> {
                    HandMarks hand = new HandMarks(seed);
                    yield (page, dpi, options) -> {
                        HandMarks.Marked m = hand.mark(page, dpi, options);
                        return new Truth(m.options(), m.extras(), m.shape().name().toLowerCase(Locale.ROOT)
                                + (m.pen() == Pen.Kind.LIGHT_PENCIL ? LIGHT_PENCIL : m.pen() == Pen.Kind.PENCIL ? PENCIL : ""));
                    };
                }
            };
        }
    }

    /** How a mark type made in pencil ends ("circle (pencil)"). */
    public static final String PENCIL = " (pencil)";

    /** How a mark type made in a pencil about as light as a fax's black level ends ("tick (light pencil)"). */
    public static final String LIGHT_PENCIL = " (light pencil)";

    /** What was marked on a form, and how ("tick", "circle (pencil)"), for the figures by mark type. */
    record Truth(List<Integer> marked, List<String> extra, String type) {
    }

    interface Marker {
        Truth mark(BufferedImage page, double dpi, int options);
    }

    /** The fax encoder faxes are written with (null: the JDK's writer, T.4 or T.6 at random). */
    private FaxEncoders encoder;

    /** Faxes written as TIFF by {@code encoder}, as a town's fax server would. */
    public Accuracy through(FaxEncoders encoder) {
        this.encoder = encoder;
        return this;
    }

    public Map<ScanKind, Tally> run(int pagesPerKind, List<ScanKind> kinds, Path work) throws IOException {
        return run(Generator.SIMULATOR, pagesPerKind, kinds, work);
    }

    public Map<ScanKind, Tally> run(Generator generator, int pagesPerKind, List<ScanKind> kinds, Path work) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        FormSeal seal = new FormSeal(key);
        LetterContext context = context(seal);
        FormReader reader = new FormReader(seal);
        Map<ScanKind, Tally> tallies = new EnumMap<>(ScanKind.class);
        long firstSerial = 20_000_000L + random.nextInt(1_000_000);
        Files.createDirectories(work);
        int batches = (pagesPerKind + BATCH - 1) / BATCH;
        int threads = Math.max(1, Math.min(batches * kinds.size(), Runtime.getRuntime().availableProcessors()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            int kindNo = 0;
            // every kind's batches in one queue: no thread waits for the last batch of a kind
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (ScanKind kind : kinds) {
                Tally tally = new Tally();
                tallies.put(kind, tally);
                for (int b = 0; b < batches; b++) {
                    int n = Math.min(BATCH, pagesPerKind - b * BATCH);
                    // each batch has its own forms and its own random numbers: the same figures on any number of threads
                    long serial = firstSerial + (long) kindNo * batches * BATCH + (long) b * BATCH;
                    SplittableRandom batchRandom = new SplittableRandom(random.nextLong());
                    Path pdf = work.resolve("accuracy-" + kind.name().toLowerCase(Locale.ROOT) + "-" + b + ".pdf");
                    running.add(pool.submit(() -> {
                        batch(generator, kind, n, serial, batchRandom, pdf, context, reader, tally);
                        return null;
                    }));
                }
                kindNo++;
            }
            for (var f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("accuracy run failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return tallies;
    }

    /** Share of pages whose QR code is damaged (a stain, a tear): the printed digits must identify them. */
    static final int DAMAGED_QR_ONE_IN = 25;

    private void batch(Generator generator, ScanKind kind, int n, long serial, SplittableRandom batchRandom, Path pdf, LetterContext context,
            FormReader reader, Tally tally) throws IOException {
        List<MailPiece> pieces = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pieces.add(piece(serial + i, batchRandom));
        }
        Map<String, MailPiece> byCode = new HashMap<>();
        pieces.forEach(p -> byCode.put(p.formCode().digits(), p));
        PrintFile.render(pdf, pieces, context, "accuracy");
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            PDFRenderer renderer = new PDFRenderer(document);
            Marker hand = generator.marker(batchRandom.nextLong());
            for (int i = 0; i < n; i++) {
                BufferedImage clean = renderer.renderImageWithDPI(2 * i + 1, 300, ImageType.GRAY);
                Truth truth = hand.mark(clean, 300, 12);
                if (batchRandom.nextInt(DAMAGED_QR_ONE_IN) == 0) {
                    ReplySimulator.stain(clean, 300, batchRandom);
                }
                ScanPage delivered = kind.deliver(clean, batchRandom, encoder);
                long started = System.nanoTime();
                FormReading reading = reader.read(GrayPage.of(delivered),
                        code -> byCode.containsKey(code.digits()) ? Optional.of(new ReplyFormLayout(false, 12))
                                : Optional.empty());
                double seconds = (System.nanoTime() - started) / 1e9;
                synchronized (tally) {
                    tally.seconds += seconds;
                    int errorsBefore = tally.silentErrors;
                    int falseBefore = tally.emptyFalselyMarked;
                    score(tally, pieces.get(i).formCode(), truth, reading);
                    boolean notFound = reading.identification() == FormReading.Identification.NOT_A_FORM;
                    if (!reading.sure() && tally.reviewed.size() < REVIEW_EXAMPLES
                            && tally.reviewedTypes.merge(truth.type(), 1, Integer::sum) <= REVIEW_EXAMPLES_OF_A_TYPE) {
                        Path example = pdf.resolveSibling("review").resolve(generator.name().toLowerCase(Locale.ROOT) + "-"
                                + kind.name().toLowerCase(Locale.ROOT) + "-" + pieces.get(i).formCode() + ".png");
                        Files.createDirectories(example.getParent());
                        javax.imageio.ImageIO.write(delivered.image(), "png", example.toFile());
                        tally.reviewed.add(example + ": " + truth.type() + ", marked " + truth.marked() + " " + truth.extra()
                                + ": " + reviewReason(reading) + " " + reading.stray() + " "
                                + reading.options().stream().filter(b -> b.state() != BoxReading.State.EMPTY)
                                        .map(b -> String.format(Locale.ROOT, "%s=%.3f%s", b.box(), b.ink(),
                                                b.how().isEmpty() ? "" : "(" + b.how() + ")")).toList());
                    }
                    if ((tally.silentErrors > errorsBefore || tally.emptyFalselyMarked > falseBefore || notFound)
                            && tally.examples.size() < 20) {
                        Path example = pdf.resolveSibling("examples").resolve(kind.name().toLowerCase(Locale.ROOT) + "-"
                                + pieces.get(i).formCode() + ".png");
                        Files.createDirectories(example.getParent());
                        javax.imageio.ImageIO.write(delivered.image(), "png", example.toFile());
                        tally.examples.add(example + ": marked " + truth.marked() + " " + truth.extra() + ", read "
                                + reading.identification() + " " + reading.marked() + " " + reading.extras() + " "
                                + reading.options().stream().map(b -> String.format(Locale.ROOT, "%s=%.3f%s", b.box(), b.ink(),
                                        b.how().isEmpty() ? "" : "(" + b.how() + ")")).toList());
                    }
                }
            }
        } finally {
            Files.deleteIfExists(pdf);
        }
    }

    private static void score(Tally t, FormCode code, Truth truth, FormReading reading) {
        t.pages++;
        int[] type = t.byType.computeIfAbsent(truth.type(), k -> new int[3]);
        type[0]++;
        boolean identified = reading.code().map(code::equals).orElse(false);
        t.identified += identified ? 1 : 0;
        t.digitsOnly += reading.identification() == FormReading.Identification.PRINTED_CODE ? 1 : 0;
        for (BoxReading box : reading.options()) {
            boolean wasMarked = truth.marked().contains(Integer.parseInt(box.box()));
            if (wasMarked && !box.how().contains("circled")) {
                t.minMarkedInk = Math.min(t.minMarkedInk, box.ink());
            } else if (!wasMarked) {
                t.maxEmptyInk = Math.max(t.maxEmptyInk, box.ink());
            }
            if (box.how().contains("circled") && wasMarked) {
                t.circlesRead++;
            }
            switch (box.state()) {
                case MARKED -> { if (wasMarked) t.markedRead++; else t.emptyFalselyMarked++; }
                case EMPTY -> { if (wasMarked) t.markedMissed++; else t.emptyRead++; }
                case UNSURE -> t.unsureBoxes++;
            }
        }
        if (reading.sure()) {
            t.accepted++;
            boolean right = identified && reading.marked().equals(truth.marked()) && reading.extras().equals(truth.extra());
            t.silentErrors += right ? 0 : 1;
            type[1]++;
            type[2] += right ? 0 : 1;
        } else {
            t.review++;
            t.reviewReasons.merge(reviewReason(reading), 1, Integer::sum);
        }
    }

    /** In a few words, why a reading was not sure. */
    static String reviewReason(FormReading reading) {
        if (reading.identification() == FormReading.Identification.PRINTED_CODE) {
            return "printed digits only";
        }
        if (reading.identification() != FormReading.Identification.SEALED_CODE) {
            return reading.identification().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        if (!reading.damage().isEmpty()) {
            return "damaged image";
        }
        if (!reading.stray().isEmpty()) {
            return "stray ink";
        }
        boolean unsure = java.util.stream.Stream.concat(reading.options().stream(), reading.needs().stream())
                .anyMatch(b -> b.state() == BoxReading.State.UNSURE) || reading.none().state() == BoxReading.State.UNSURE
                || reading.decline().state() == BoxReading.State.UNSURE;
        return unsure ? "unsure box" : "nothing marked";
    }

    /** The letters of a test town, sealed with {@code seal}. */
    static LetterContext context(FormSeal seal) {
        return new LetterContext(new MunicipalityProperties("往復市", "健康推進課", "299-0112", "往復市中央1丁目1-1",
                "0436-00-1234", "0436-00-5678"), new LetterProperties(22, 14, 92, 46, 9f, 1, "", "", 14, false), seal,
                LocalDate.now());
    }

    /** A Japanese letter with 12 dates, its form numbered {@code serial}. */
    static MailPiece piece(long serial, SplittableRandom random) {
        List<MailPiece.Option> options = new ArrayList<>();
        LocalDateTime start = LocalDateTime.of(2027, 1, 11, 9, 30);
        String[] sites = {"往復市民会館", "往復市保健センター", "北部公民館"};
        for (int k = 1; k <= 12; k++) {
            LocalDateTime s = start.plusDays(k + random.nextInt(3)).plusHours(k % 3 * 4);
            options.add(new MailPiece.Option(k, k, s, s.plusMinutes(150), "S0" + (k % 3 + 1), sites[k % 3]));
        }
        return new MailPiece(FormCode.ofSerial(serial), "T" + serial, "試験　太郎", "往復市緑町1丁目1-1", "299-0101", "ja",
                false, options);
    }
}
