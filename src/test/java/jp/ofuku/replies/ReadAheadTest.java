package jp.ofuku.replies;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import jp.ofuku.letters.FormImages;
import jp.ofuku.letters.LetterSetup;
import jp.ofuku.letters.PrintFile;
import jp.ofuku.letters.ReplyFormLayout;
import jp.ofuku.scan.FormReader;
import jp.ofuku.scan.HostileFilesTest;
import jp.ofuku.support.DatabaseTest;

/** The page time limit: a file that stalls its reader is given up, and the files behind it are read. */
class ReadAheadTest extends DatabaseTest {

    @Autowired
    ReplyStore store;
    @Autowired
    LetterSetup letters;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aFileThatStallsItsReaderIsGivenUpWithThePageItStoppedAtAndTheFilesBehindItAreRead() throws Exception {
        town(dir).residentRows("R1,佐藤　一郎,サトウ,,1941-04-03,299-0101,往復市緑町3丁目30-8,D01,ja,,active,").invited();
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        // a form at 300 dpi, then a page that would take minutes to draw, then the form again in another file
        var form = FormImages.page(PrintFile.pdf(dir.resolve("print"), "w-0001"), 1, 300);
        FormImages.tick(form, new ReplyFormLayout(false, 12).optionBox(3), 300, 0.6, 20);
        Path before = inbox.resolve("a-form.png");
        ImageIO.write(form, "png", before.toFile());
        Path slow = Files.write(inbox.resolve("b-slow.pdf"), HostileFilesTest.slowPdf(1_000_000));
        Path after = inbox.resolve("c-form.jpg");
        ImageIO.write(form, "jpg", after.toFile());
        List<Path> files = List.of(before, slow, after);
        int decoders = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("ofuku-decode")).toList().size();

        try (ReadAhead ahead = new ReadAhead(files, new FormReader(letters.seal()), store, 0.0003, 2, Duration.ofSeconds(10))) {
            ReadAhead.FileReading first = ahead.next();
            assertThat(first.refusal()).isEmpty();
            assertThat(first.pages()).singleElement().satisfies(p -> assertThat(p.verdict().outcome()).isEqualTo(PageVerdict.Outcome.REPLY));

            ReadAhead.FileReading stalled = ahead.next();
            assertThat(stalled.file()).isEqualTo(slow);
            assertThat(stalled.refusal()).hasValueSatisfying(r -> assertThat(r).contains("reading page 1 took more than 10 s"));
            assertThat(stalled.sha256()).as("recorded by its hash, so that a rerun does not meet it again").isEqualTo(Intake.sha256(slow));
            assertThat(stalled.pages()).isEmpty();

            ReadAhead.FileReading third = ahead.next();
            assertThat(third.file()).isEqualTo(after);
            assertThat(third.refusal()).isEmpty();
            assertThat(third.pages()).singleElement().satisfies(p -> assertThat(p.verdict().outcome()).isEqualTo(PageVerdict.Outcome.REPLY));
        }
        // the abandoned drawing heeds its interrupt: no decoding thread is left running on it
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (liveDecoders() > decoders && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(liveDecoders()).as("decoding threads still alive").isLessThanOrEqualTo(decoders);
    }

    @Test
    @Timeout(180)
    void aLongFileThatKeepsComingForwardIsReadWholeAndSoIsTheFileBehindIt() throws Exception {
        town(dir).residentRows("R1,佐藤　一郎,サトウ,,1941-04-03,299-0101,往復市緑町3丁目30-8,D01,ja,,active,").invited();
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        // a file far longer to read than the limit, each of its pages well within it (about a second to draw
        // each of its 16 nearly blank pages), then a form waiting behind it, its pages queued behind the long one's
        Path longOne = Files.write(inbox.resolve("a-long.pdf"), pagesOfTinyFills(16, 150_000));
        var form = FormImages.page(PrintFile.pdf(dir.resolve("print"), "w-0001"), 1, 300);
        FormImages.tick(form, new ReplyFormLayout(false, 12).optionBox(2), 300, 0.6, 20);
        Path after = inbox.resolve("b-form.png");
        ImageIO.write(form, "png", after.toFile());

        long started = System.nanoTime();
        try (ReadAhead ahead = new ReadAhead(List.of(longOne, after), new FormReader(letters.seal()), store, 0.0003, 2,
                Duration.ofSeconds(4))) {
            ReadAhead.FileReading first = ahead.next();
            assertThat(first.refusal()).as("a long file that keeps coming forward is read").isEmpty();
            assertThat(first.pages()).hasSize(16);
            Assumptions.assumeTrue(System.nanoTime() - started > Duration.ofSeconds(5).toNanos(),
                    "the long file was read within the limit: its length did not put the limit to the test");
            ReadAhead.FileReading behind = ahead.next();
            assertThat(behind.refusal()).as("not taken for stalled by the time it waited").isEmpty();
            assertThat(behind.pages()).singleElement().satisfies(p -> assertThat(p.verdict().outcome()).isEqualTo(PageVerdict.Outcome.REPLY));
        }
    }

    /** A PDF of {@code pages} pages, each drawn by {@code fills} one-point squares in a corner: slow to draw, blank to read. */
    private static byte[] pagesOfTinyFills(int pages, int fills) throws Exception {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            byte[] fill = "0 0 1 1 re f\n".getBytes(StandardCharsets.US_ASCII);
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                PDStream content = new PDStream(doc);
                try (OutputStream z = content.createOutputStream(COSName.FLATE_DECODE)) {
                    for (int i = 0; i < fills; i++) {
                        z.write(fill);
                    }
                }
                page.setContents(content);
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static long liveDecoders() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("ofuku-decode")).count();
    }
}
