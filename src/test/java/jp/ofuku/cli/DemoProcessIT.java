package jp.ofuku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.ofuku.support.OfukuProcess;

/**
 * The README's quick start: {@code scripts/ofuku demo} runs the whole round trip on the embedded
 * PostgreSQL (import, invitations, replies posted and faxed and read, booking, confirmations,
 * the desk) and ends with its summary; run again on the same data, it carries on from there.
 */
class DemoProcessIT {

    @TempDir
    Path dir;

    @Test
    void theDemoRunsTheWholeRoundTripAndASecondRunCarriesOn() throws Exception {
        Path samples = Path.of("samples").toAbsolutePath();
        Path data = dir.resolve("data");
        OfukuProcess first = OfukuProcess.runIn(dir, data, "demo", "--samples", samples.toString());
        assertThat(first.exitCode()).as("demo: %s", first.stderr()).isZero();
        String out = first.stdout();
        for (String stage : List.of("== 1. Registry", "== 2. Invitations", "== 3. Replies", "== 4. Booking", "== 5. The desk", "Demo done.")) {
            assertThat(out).as("the demo's output").contains(stage);
        }
        assertThat(out).containsPattern("Printed [0-9,]+ letters").containsPattern("Booked [0-9,]+ residents")
                .contains("Moved by telephone").contains("change letters written");
        Path demo = dir.resolve("out").resolve("demo");
        assertThat(demo.resolve("replies.csv")).isNotEmptyFile();
        assertThat(demo.resolve("bookings.csv")).isNotEmptyFile();
        try (var pdfs = Files.walk(demo.resolve("print"))) {
            assertThat(pdfs.filter(p -> p.toString().endsWith(".pdf")).count()).as("print files").isGreaterThan(1);
        }

        OfukuProcess second = OfukuProcess.runIn(dir, data, "demo", "--samples", samples.toString());
        assertThat(second.exitCode()).as("demo again: %s", second.stderr()).isZero();
        assertThat(second.stdout()).contains("Every sample resident is already invited").contains("Done by an earlier run of the demo")
                .contains("Demo done.");
    }
}
