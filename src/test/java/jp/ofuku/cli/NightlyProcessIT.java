package jp.ofuku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.ofuku.support.OfukuProcess;
import jp.ofuku.support.RepliedTown;

/** A nightly killed with SIGKILL in its confirm stage: found stale, carried on by restart, nothing booked or printed twice. */
class NightlyProcessIT {

    @Test
    void aNightlyKilledMidwayIsCarriedOnByRestartWithNothingTwice(@TempDir Path files, @TempDir Path data) throws Exception {
        RepliedTown.create(files, data, 29, 2_600);
        Path inbox = Files.createDirectories(data.resolve("inbox"));
        Path out = data.resolve("print");
        String date = LocalDate.now().toString();
        String[] nightly = {"nightly", "--date", date, "--inbox", inbox.toString(), "--out", out.toString()};

        OfukuProcess doomed = OfukuProcess.start(data, nightly);
        boolean printing = doomed.awaitWhileRunning(Duration.ofMinutes(3),
                () -> OfukuProcess.queryCount(data, "SELECT count(*) FROM confirm_print_files WHERE status = 'done'") >= 1);
        assertThat(printing).as("confirmations were being printed before the kill; stderr: %s", doomed.stderr()).isTrue();
        doomed.kill9();
        long run = RepliedTown.count(data, "SELECT max(job_execution_id) FROM batch_job_execution e JOIN batch_job_instance i"
                + " USING (job_instance_id) WHERE i.job_name = 'nightly'");
        long booked = RepliedTown.count(data, "SELECT count(*) FROM bookings WHERE dose = 1");
        assertThat(booked).as("the allocate stage had finished").isPositive();

        OfukuProcess restart = OfukuProcess.run(data, "restart", Long.toString(run));
        assertThat(restart.exitCode()).as(restart.stderr()).isZero();
        assertThat(restart.stdout()).contains("Run " + run + " carried on as run").contains("confirmation letters");
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM batch_job_execution WHERE job_execution_id = " + run
                + " AND status = 'FAILED' AND exit_message LIKE 'abandoned%'")).as("the killed run marked failed").isEqualTo(1);
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM batch_job_execution e JOIN batch_job_instance i"
                + " USING (job_instance_id) WHERE i.job_name = 'allocate'")).as("allocate not repeated").isEqualTo(1);
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM bookings WHERE dose = 1")).isEqualTo(booked);
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM sessions s WHERE booked <> (SELECT count(*) FROM bookings b"
                + " WHERE b.session_id = s.session_id) OR booked > capacity")).isZero();

        Set<String> residents = new HashSet<>();
        try (Stream<Path> list = Files.list(out.resolve("confirm"))) {
            for (Path manifest : list.filter(p -> p.getFileName().toString().matches("confirm-\\d{5}\\.csv")).sorted().toList()) {
                try (Reader in = Files.newBufferedReader(manifest)) {
                    for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                        assertThat(residents.add(row.get("resident_id"))).as("resident %s confirmed twice", row.get("resident_id")).isTrue();
                    }
                }
            }
        }
        assertThat((long) residents.size()).isEqualTo(booked);

        OfukuProcess again = OfukuProcess.run(data, nightly);
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.stderr()).startsWith("ofuku: nightly: the nightly for").contains("already completed");
    }

    @Test
    void aNightlyAskedToEndBySigtermStopsAtTheEndOfItsStepAndIsCarriedOn(@TempDir Path files, @TempDir Path data) throws Exception {
        RepliedTown.create(files, data, 37, 2_600);
        Path inbox = Files.createDirectories(data.resolve("inbox"));
        Path out = data.resolve("print");
        String[] nightly = {"nightly", "--inbox", inbox.toString(), "--out", out.toString()};
        OfukuProcess running = OfukuProcess.start(data, nightly);
        boolean printing = running.awaitWhileRunning(Duration.ofMinutes(3),
                () -> OfukuProcess.queryCount(data, "SELECT count(*) FROM confirm_print_files WHERE status = 'done'") >= 1);
        assertThat(printing).as("confirmations were being printed; stderr: %s", running.stderr()).isTrue();
        running.term();
        assertThat(running.stderr()).contains("asked run").contains("to stop at the end of its current step");

        long run = RepliedTown.count(data, "SELECT max(job_execution_id) FROM batch_job_execution e JOIN batch_job_instance i"
                + " USING (job_instance_id) WHERE i.job_name = 'nightly'");
        assertThat(RepliedTown.text(data, "SELECT status FROM batch_job_execution WHERE job_execution_id = " + run))
                .as("stopped, not abandoned").isEqualTo("STOPPED");
        long printed = RepliedTown.count(data, "SELECT count(*) FROM confirmations WHERE printed_at IS NOT NULL");
        assertThat(printed).isPositive();
        // stopped between steps of the confirm job: no print file half-written (one may be reserved, to be written on restart)
        try (var written = Files.list(out.resolve("confirm"))) {
            assertThat(written.filter(p -> p.toString().endsWith(".part"))).isEmpty();
        }

        OfukuProcess restart = OfukuProcess.run(data, "restart", Long.toString(run));
        assertThat(restart.exitCode()).as(restart.stderr()).isZero();
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM confirmations WHERE printed_at IS NULL")).isZero();
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM confirm_print_files WHERE status = 'writing'")).isZero();
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM confirmations")).isEqualTo(
                RepliedTown.count(data, "SELECT count(DISTINCT resident_id) FROM bookings"));
    }
}
