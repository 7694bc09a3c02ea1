package jp.ofuku.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;
import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;

import jp.ofuku.letters.FormImages;
import jp.ofuku.letters.PrintFile;
import jp.ofuku.letters.ReplyFormLayout;
import jp.ofuku.ops.JobOutcome;
import jp.ofuku.ops.RunRefusedException;
import jp.ofuku.registry.RegistryImport;
import jp.ofuku.support.DatabaseTest;
import jp.ofuku.support.TestClock;

class NightlyTest extends DatabaseTest {

    @Autowired
    RegistryImport registry;
    @Autowired
    Nightly nightly;
    @Autowired
    jp.ofuku.ops.RunControl runs;
    @Autowired
    DataSource dataSource;

    @TempDir
    Path dir;
    Path inbox;
    Path out;
    final ReplyFormLayout layout = new ReplyFormLayout(false, 12);
    final LocalDate today = TestClock.DAY;

    @BeforeEach
    void threeResidentsRepliedByPost() throws Exception {
        // each test starts with no nightly run for today
        jdbc.execute("TRUNCATE batch_step_execution_context, batch_step_execution, batch_job_execution_context,"
                + " batch_job_execution_params, batch_job_execution, batch_job_instance");
        FileSystemUtils.deleteRecursively(Path.of("target/test-archive"));
        town(dir).residentRows("R1,佐藤　一郎,サトウ,,1941-04-03,299-0101,往復市緑町3丁目30-8,D01,ja,,active,",
                "R2,鈴木　花子,スズキ,,1945-01-01,299-0102,往復市本町1丁目2-3,D02,ja,,active,",
                "R3,高橋　三郎,タカハシ,,1950-06-01,299-0103,往復市本町1丁目2-4,D02,ja,,active,").invited();
        Path print = dir.resolve("print");
        Path printed = PrintFile.pdf(print, "w-0001");
        inbox = Files.createDirectories(dir.resolve("inbox"));
        out = dir.resolve("out");
        for (int piece = 0; piece < 3; piece++) {
            BufferedImage page = FormImages.page(printed, piece * 2 + 1, 300);
            FormImages.tick(page, layout.optionBox(1 + piece), 300, 0.6, 20);
            ImageIO.write(page, "png", inbox.resolve("scan-" + piece + ".png").toFile());
        }
        before = jdbc.queryForObject("SELECT coalesce(max(job_execution_id), 0) FROM batch_job_execution", Long.class);
    }

    /** The last job run before the test's own. */
    long before;

    private long runsOf(String job) {
        return jdbc.queryForObject("SELECT count(*) FROM batch_job_execution e JOIN batch_job_instance i USING (job_instance_id)"
                + " WHERE i.job_name = ? AND e.job_execution_id > ?", Long.class, job, before);
    }

    @Test
    void readsBooksAndConfirmsOncePerBusinessDate() throws Exception {
        JobOutcome o = nightly.run(today, inbox, out);
        assertThat(o.completed()).as(o.failure()).isTrue();
        assertThat(o.counts()).containsEntry("read.reply", 3L).containsEntry("allocate.booked", 3L)
                .containsEntry("confirm.letters", 3L);
        assertThat(count("bookings")).isGreaterThanOrEqualTo(3);
        assertThat(Files.list(out.resolve("confirm")).filter(p -> p.toString().endsWith(".pdf")).count()).isEqualTo(1);
        assertThat(NightlySummary.lines(o)).anySatisfy(l -> assertThat(l).contains("3 booked"))
                .last().asString().startsWith("Next: print and post");

        // its report, as HTML and PDF, with its charts, beside the print files
        Path html = RunReport.html(out, today, o.executionId());
        assertThat(nightly.report(o)).isEqualTo(html);
        String report = Files.readString(html);
        assertThat(report).contains("3 booked").contains("Replies received per day").contains("Bookings against capacity per site");
        assertThat(report.split("data:image/png;base64,", -1)).hasSize(5);
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(html.resolveSibling(html.getFileName().toString().replace(".html", ".pdf")).toFile())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(2);
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(pdf)).contains("3 booked").contains("review items open");
        }

        // the same date again is refused as done, and nothing is read, booked or printed again
        assertThatThrownBy(() -> nightly.run(today, inbox, out)).isInstanceOf(RunRefusedException.class)
                .hasMessageContaining("already completed").hasMessageContaining("run " + o.executionId());
        assertThat(runsOf("read")).isEqualTo(1);

        // the scans were moved to the archive: the next day's nightly finds nothing new and prints nothing
        assertThat(Files.list(inbox).count()).isZero();
        JobOutcome next = nightly.run(today.plusDays(1), inbox, out);
        assertThat(next.completed()).isTrue();
        assertThat(next.counts()).doesNotContainKeys("read.files", "confirm.letters").containsEntry("allocate.booked", 0L);
        assertThat(NightlySummary.lines(next).get(0)).contains("0 files");
        assertThat(NightlySummary.lines(next).get(NightlySummary.lines(next).size() - 1)).isEqualTo("Next: nothing to do until tomorrow's run.");
    }

    @Test
    void aFailedNightlyIsCarriedOnByRestartWithoutRepeatingItsFinishedStages() throws Exception {
        Files.createDirectories(out);
        Files.writeString(out.resolve("confirm"), "a file where the confirmations folder should be");
        JobOutcome failed = nightly.run(today, inbox, out);
        assertThat(failed.completed()).isFalse();
        assertThat(failed.failure()).contains("confirm");
        assertThat(NightlySummary.lines(failed).get(NightlySummary.lines(failed).size() - 1))
                .contains("scripts/ofuku restart " + failed.executionId());
        assertThat(count("bookings")).isGreaterThanOrEqualTo(3);

        Files.delete(out.resolve("confirm"));
        JobOutcome carried = runs.restart(failed.executionId());
        assertThat(carried.completed()).as(carried.failure()).isTrue();
        assertThat(carried.executionId()).isNotEqualTo(failed.executionId());
        assertThat(carried.counts()).containsEntry("confirm.letters", 3L).containsEntry("allocate.booked", 3L);
        // read and allocate ran once; confirm twice (failed, then done)
        assertThat(runsOf("read")).isEqualTo(1);
        assertThat(runsOf("allocate")).isEqualTo(1);
        assertThat(runsOf("confirm")).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM confirmations", Long.class)).isEqualTo(3);

        assertThatThrownBy(() -> runs.restart(failed.executionId())).isInstanceOf(RunRefusedException.class)
                .hasMessageContaining("already carried on by run " + carried.executionId());
        assertThatThrownBy(() -> runs.restart(carried.executionId())).isInstanceOf(RunRefusedException.class)
                .hasMessageContaining("completed");
        assertThatThrownBy(() -> runs.restart(999_999_999L)).isInstanceOf(RunRefusedException.class)
                .hasMessageContaining("there is no job run 999999999");
    }

    @Test
    void aSecondNightlyWhileOneRunsIsRefusedAndAStoppedOneEndsItsStageThenCarriesOn() throws Exception {
        CompletableFuture<JobOutcome> first;
        long running;
        try (Connection hold = dataSource.getConnection()) {
            // an operator's open transaction holds every session: allocation waits for it
            hold.setAutoCommit(false);
            hold.createStatement().execute("SELECT * FROM sessions FOR UPDATE");
            first = CompletableFuture.supplyAsync(() -> {
                try {
                    return nightly.run(today, inbox, out);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.currentTimeMillis() + 60_000;
            while (runsOf("allocate") == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(runsOf("allocate")).isEqualTo(1);
            running = jdbc.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution e JOIN batch_job_instance i"
                    + " USING (job_instance_id) WHERE i.job_name = 'nightly'", Long.class);

            assertThatThrownBy(() -> nightly.run(today.plusDays(1), inbox, out)).isInstanceOf(RunRefusedException.class)
                    .hasMessageContaining("another nightly is running (run " + running + " for " + today)
                    .hasMessageContaining("scripts/ofuku stop " + running);
            runs.stop(running);
            hold.rollback();
        }
        JobOutcome stopped = first.get(60, TimeUnit.SECONDS);
        assertThat(stopped.completed()).isFalse();
        assertThat(jdbc.queryForObject("SELECT status FROM batch_job_execution WHERE job_execution_id = ?", String.class, running))
                .as(stopped.failure()).isEqualTo("STOPPED");
        assertThat(count("bookings")).as("the allocate stage finished before the run stopped").isGreaterThanOrEqualTo(3);
        assertThat(runsOf("confirm")).isZero();

        JobOutcome carried = runs.restart(running);
        assertThat(carried.completed()).as(carried.failure()).isTrue();
        assertThat(runsOf("allocate")).isEqualTo(1);
        assertThat(carried.counts()).containsEntry("confirm.letters", 3L);
    }
}
