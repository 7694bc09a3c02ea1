package jp.ofuku.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.ofuku.handmarks.HandMarks;
import jp.ofuku.letters.FormSeal;
import jp.ofuku.letters.LetterContext;
import jp.ofuku.letters.MailPiece;
import jp.ofuku.letters.PrintFile;
import jp.ofuku.letters.ReplyFormLayout;

/**
 * Byte-level fuzzing of the reader: marked reply forms as the files residents' machines send
 * (a PNG scan, a phone's JPEG, fax TIFFs in CCITT T.4 and T.6), damaged the way a noisy fax
 * line or a bad disk damages them (bits flipped, runs of bytes overwritten, the file cut
 * short, a piece of it copied over another), then decoded and read. A damaged file may be
 * unreadable (quarantined), a page may go to review; an accepted reading must be what was
 * marked, every time.
 */
class ReaderFuzzTest {

    static final int MUTATIONS = Integer.getInteger("ofuku.fuzz.mutations", 600);

    @TempDir
    Path work;

    record Original(String name, byte[] bytes, String code, HandMarks.Marked truth) {
    }

    @Test
    void noDamagedImageIsAcceptedAsSomethingOtherThanWhatWasMarked() throws Exception {
        SplittableRandom random = new SplittableRandom(20261202);
        List<Original> originals = originals(random);
        byte[] key = new byte[32];
        FormReader reader = new FormReader(new FormSeal(key));
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (int m = 0; m < MUTATIONS; m++) {
            Original original = originals.get(random.nextInt(originals.size()));
            Original other = originals.get(random.nextInt(originals.size()));
            Damaged mutation = mutate(original.bytes(), other.bytes(), random);
            byte[] damaged = mutation.bytes();
            String how = mutation.how();
            Path file = work.resolve("m" + m + "-" + original.name());
            Files.write(file, damaged);
            String outcome;
            try {
                List<ScanPage> pages = PageSource.pages(file);
                outcome = "decoded";
                for (ScanPage page : pages) {
                    FormReading reading = reader.read(GrayPage.of(page),
                            code -> code.digits().equals(original.code()) ? Optional.of(new ReplyFormLayout(false, 12))
                                    : Optional.empty());
                    if (!reading.sure()) {
                        outcome = "review";
                        continue;
                    }
                    boolean right = reading.code().map(c -> c.digits().equals(original.code())).orElse(false)
                            && reading.marked().equals(original.truth().options())
                            && reading.extras().equals(original.truth().extras());
                    outcome = right ? "accepted, right" : "ACCEPTED, WRONG";
                    if (!right) {
                        Path kept = Path.of("target", "fuzz", file.getFileName().toString());
                        Files.createDirectories(kept.getParent());
                        Files.write(kept, damaged);
                        wrong.add(kept + " (" + how + "): marked " + original.truth().options() + " "
                                + original.truth().extras() + ", read " + reading.marked() + " " + reading.extras());
                    }
                }
            } catch (UnreadableFileException e) {
                outcome = "unreadable (quarantined)";
            }
            outcomes.merge(outcome, 1, Integer::sum);
            Files.delete(file);
        }
        System.out.println("fuzzed " + MUTATIONS + " damaged files: " + outcomes);
        wrong.forEach(w -> System.out.println("  " + w));
        assertThat(wrong).as("accepted readings that differ from what was marked").isEmpty();
        assertThat(outcomes.getOrDefault("accepted, right", 0)).as("lightly damaged pages are still read").isPositive();
    }

    record Damaged(byte[] bytes, String how) {
    }

    /** One kind of damage, at random. */
    private static Damaged mutate(byte[] bytes, byte[] other, SplittableRandom random) {
        byte[] out = bytes.clone();
        String how;
        switch (random.nextInt(4)) {
            case 0 -> {
                int flips = 1 + random.nextInt(20);
                for (int i = 0; i < flips; i++) {
                    int at = random.nextInt(out.length);
                    out[at] ^= (byte) (1 << random.nextInt(8));
                }
                how = flips + " bits flipped";
            }
            case 1 -> {
                int length = 4 + random.nextInt(200);
                int at = random.nextInt(Math.max(1, out.length - length));
                int fill = random.nextInt(3);
                for (int i = at; i < Math.min(out.length, at + length); i++) {
                    out[i] = (byte) (fill == 0 ? 0 : fill == 1 ? 0xFF : random.nextInt(256));
                }
                how = length + " bytes overwritten at " + at;
            }
            case 2 -> {
                int keep = random.nextInt(out.length / 4, out.length);
                out = java.util.Arrays.copyOf(out, keep);
                how = "cut to " + keep + " of " + bytes.length + " bytes";
            }
            default -> {
                int length = 16 + random.nextInt(2000);
                int from = random.nextInt(Math.max(1, other.length - length));
                int to = random.nextInt(Math.max(1, out.length - length));
                System.arraycopy(other, from, out, to, Math.min(length, Math.min(other.length - from, out.length - to)));
                how = length + " bytes of another file spliced in at " + to;
            }
        }
        return new Damaged(out, how);
    }

    /** Marked forms as a scanner, a phone and fax machines would send them. */
    private List<Original> originals(SplittableRandom random) throws Exception {
        byte[] key = new byte[32];
        LetterContext context = Accuracy.context(new FormSeal(key));
        List<MailPiece> pieces = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pieces.add(Accuracy.piece(30_000_000L + i, random));
        }
        Path pdf = work.resolve("forms.pdf");
        PrintFile.render(pdf, pieces, context, "fuzz");
        HandMarks hand = new HandMarks(random.nextLong());
        List<Original> originals = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            PDFRenderer renderer = new PDFRenderer(document);
            for (int i = 0; i < pieces.size(); i++) {
                BufferedImage page = renderer.renderImageWithDPI(2 * i + 1, 300, ImageType.GRAY);
                HandMarks.Marked truth;
                do {
                    truth = hand.mark(page, 300, 12);
                } while (truth.pen().pencil());
                String code = pieces.get(i).formCode().digits();
                ScanKind kind = ScanKind.values()[i % ScanKind.values().length];
                String name = kind.name().toLowerCase(Locale.ROOT) + "-" + code;
                byte[] bytes = switch (kind) {
                    case SCAN -> encode(ReplySimulator.turn(page, random.nextDouble(-1, 1)), "png");
                    case PHONE_JPEG -> encode(ScanKind.PHONE_JPEG.deliver(page, random).image(), "jpeg");
                    case FAX_FINE, FAX_STANDARD -> {
                        Path tiff = work.resolve(name + ".tif");
                        ReplySimulator.writeTiff(List.of(ReplySimulator.fax(page, 300, kind.dpiY)), tiff, kind.dpiY,
                                i % 2 == 0 ? "CCITT T.4" : "CCITT T.6");
                        yield Files.readAllBytes(tiff);
                    }
                };
                originals.add(new Original(name + (kind == ScanKind.SCAN ? ".png" : kind == ScanKind.PHONE_JPEG ? ".jpg" : ".tif"),
                        bytes, code, truth));
            }
        }
        return originals;
    }

    private static byte[] encode(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
