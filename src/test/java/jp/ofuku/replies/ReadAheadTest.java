package jp.ofuku.replies;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;

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

    private static long liveDecoders() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("ofuku-decode")).count();
    }
}
