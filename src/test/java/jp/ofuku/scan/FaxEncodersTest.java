package jp.ofuku.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import jp.ofuku.letters.FormImages;
import jp.ofuku.letters.MailPiece;
import jp.ofuku.letters.ReplyFormLayout;

/**
 * The same marked reply form, faxed fine and standard, written as TIFF by every encoder found on
 * Debian that fax servers and scanners use: each is read as the form it is with no damage noted,
 * whatever the encoder's way of writing (no EOL before the first row, fill bits, RTC, bit order,
 * strips). Damaged copies of each (a run of flipped bits mid-page, the data cut short) are each
 * sent to a person, with the place of the damage named.
 */
class FaxEncodersTest {

    private static final int[] MARKED = {2, 7, 11};
    private static final Map<Integer, BufferedImage> FAXED = new ConcurrentHashMap<>();
    private static final MailPiece PIECE = FormImages.piece(10_000_301);

    @TempDir
    Path dir;

    final FormReader reader = new FormReader(FormImages.seal());

    static List<Arguments> encoders() {
        return java.util.Arrays.stream(FaxEncoders.values())
                .flatMap(e -> java.util.stream.Stream.of(Arguments.of(e, 196), Arguments.of(e, 98))).toList();
    }

    /** The marked form as the fax machine's sensor saw it, once per resolution. */
    private BufferedImage faxed(int dpiY) {
        return FAXED.computeIfAbsent(dpiY, y -> {
            try {
                BufferedImage page = FormImages.render(PIECE, 300, Files.createTempDirectory("fax-encoders"));
                ReplyFormLayout layout = new ReplyFormLayout(false, 12);
                for (int k : MARKED) {
                    FormImages.tick(page, layout.optionBox(k), 300, 0.6, 30);
                }
                return ReplySimulator.fax(page, 300, y);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private Path encoded(FaxEncoders encoder, int dpiY) throws Exception {
        assertThat(encoder.available()).as(encoder.label() + " is installed (scripts/setup)").isTrue();
        Path tiff = dir.resolve(encoder.name() + "-" + dpiY + ".tif");
        encoder.write(faxed(dpiY), dpiY, tiff, dir.resolve("work"));
        return tiff;
    }

    @ParameterizedTest(name = "{0} at 204 × {1}")
    @MethodSource("encoders")
    void everyEncodersFaxIsReadAsTheFormItIsWithNoDamage(FaxEncoders encoder, int dpiY) throws Exception {
        List<ScanPage> pages = PageSource.pages(encoded(encoder, dpiY));
        assertThat(pages).hasSize(1);
        ScanPage page = pages.get(0);
        assertThat(page.warnings()).as("damage noted").isEmpty();
        assertThat(page.dpiY()).isEqualTo(dpiY);
        if (!encoder.name().startsWith("GHOSTSCRIPT")) {
            // every encoder but Ghostscript (which draws the page again) keeps each pixel: what is read is what was sent
            assertThat(differingPixels(faxed(dpiY), page.image())).as("pixels not as sent").isZero();
        }
        FormReading reading = reader.read(GrayPage.of(page), 12, false);
        assertThat(reading.damage()).isEmpty();
        assertThat(reading.identification()).isEqualTo(FormReading.Identification.SEALED_CODE);
        assertThat(reading.code()).contains(PIECE.formCode());
        assertThat(reading.marked()).containsExactly(2, 7, 11);
        assertThat(reading.sure()).as(reading.options().toString()).isTrue();
    }

    /** Ghostscript draws the page again (on a fax's 1728-pixel width); its four fax devices then keep the same pixels. */
    @ParameterizedTest(name = "at 204 × {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {196, 98})
    void ghostscriptsFaxDevicesAllGiveTheSamePage(int dpiY) throws Exception {
        BufferedImage g3 = PageSource.pages(encoded(FaxEncoders.GHOSTSCRIPT_TIFFG3, dpiY)).get(0).image();
        for (FaxEncoders device : List.of(FaxEncoders.GHOSTSCRIPT_TIFFG32D, FaxEncoders.GHOSTSCRIPT_TIFFG4,
                FaxEncoders.GHOSTSCRIPT_TIFFCRLE)) {
            assertThat(differingPixels(g3, PageSource.pages(encoded(device, dpiY)).get(0).image())).as(device.label()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} at 204 × {1}")
    @MethodSource("encoders")
    void aRunOfFlippedBitsMidPageSendsThePageToAPersonNamingWhere(FaxEncoders encoder, int dpiY) throws Exception {
        Path tiff = encoded(encoder, dpiY);
        damage(tiff, false);
        assertDamageNamed(tiff);
    }

    @ParameterizedTest(name = "{0} at 204 × {1}")
    @MethodSource("encoders")
    void dataCutShortSendsThePageToAPersonNamingWhere(FaxEncoders encoder, int dpiY) throws Exception {
        Path tiff = encoded(encoder, dpiY);
        damage(tiff, true);
        assertDamageNamed(tiff);
    }

    private void assertDamageNamed(Path tiff) throws Exception {
        ScanPage page = PageSource.pages(tiff).get(0);
        assertThat(page.warnings()).as("damage noted").isNotEmpty().allMatch(w -> w.matches("rows? \\d+.*"));
        FormReading reading = reader.read(GrayPage.of(page), 12, false);
        assertThat(reading.damage()).as("damage named for the person who reads it").singleElement().asString()
                .containsPattern("from \\d+ to \\d+ mm down the page");
        assertThat(reading.sure()).isFalse();
    }

    /** Pixels of {@code decoded} not as in {@code sent}; rows past the sent page (an RTC some encoders count) must be white. */
    private static long differingPixels(BufferedImage sent, BufferedImage decoded) {
        assertThat(decoded.getWidth()).isEqualTo(sent.getWidth());
        assertThat(decoded.getHeight()).isBetween(sent.getHeight(), sent.getHeight() + 8);
        long differing = 0;
        for (int y = 0; y < decoded.getHeight(); y++) {
            for (int x = 0; x < decoded.getWidth(); x++) {
                int want = y < sent.getHeight() ? sent.getRGB(x, y) & 0xFFFFFF : 0xFFFFFF;
                if ((decoded.getRGB(x, y) & 0xFFFFFF) != want) {
                    differing++;
                }
            }
        }
        return differing;
    }

    /**
     * Damages the page's data in place, halfway through it: 32 bits in a row flipped, or
     * everything from there on zeroed (the data cut short, the file's length kept).
     */
    static void damage(Path tiff, boolean cut) throws Exception {
        long[] offsets;
        long[] counts;
        try (ImageInputStream in = ImageIO.createImageInputStream(tiff.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("tiff").next();
            r.setInput(in);
            TIFFDirectory d = TIFFDirectory.createFromMetadata(r.getImageMetadata(0));
            TIFFField o = d.getTIFFField(BaselineTIFFTagSet.TAG_STRIP_OFFSETS);
            TIFFField c = d.getTIFFField(BaselineTIFFTagSet.TAG_STRIP_BYTE_COUNTS);
            offsets = new long[o.getCount()];
            counts = new long[o.getCount()];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = o.getAsLong(i);
                counts[i] = c.getAsLong(i);
            }
            r.dispose();
        }
        byte[] b = Files.readAllBytes(tiff);
        long total = java.util.Arrays.stream(counts).sum();
        long seen = 0;
        for (int i = 0; i < offsets.length; i++) {
            if (seen + counts[i] > total / 2) {
                int at = (int) (offsets[i] + total / 2 - seen);
                if (!cut) {
                    for (int k = 0; k < 4; k++) {
                        b[at + k] ^= (byte) 0xFF;
                    }
                } else {
                    for (int s = i; s < offsets.length; s++) {
                        for (long k = s == i ? at - offsets[s] : 0; k < counts[s]; k++) {
                            b[(int) (offsets[s] + k)] = 0;
                        }
                    }
                }
                break;
            }
            seen += counts[i];
        }
        Files.write(tiff, b);
    }
}
