package jp.ofuku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.ofuku.support.OfukuProcess;
import jp.ofuku.support.RepliedTown;

/** allocate and confirm killed with SIGKILL and rerun: nothing booked twice or past capacity, no letter printed twice. */
class BookingProcessIT {

    static final int RESIDENTS = 2_600;

    @Test
    void killedAllocateAndConfirmRunsAreFinishedByTheirRerunsWithNothingTwice(@TempDir Path files, @TempDir Path data)
            throws Exception {
        RepliedTown.create(files, data, 23, RESIDENTS);
        // few places, so that sessions fill and the matching has work to do
        RepliedTown.update(data, "UPDATE sessions SET capacity = 3");

        OfukuProcess doomed = OfukuProcess.start(data, "allocate");
        boolean started = doomed.awaitWhileRunning(Duration.ofMinutes(2), () -> OfukuProcess.queryCount(data,
                "SELECT count(*) FROM batch_job_execution e JOIN batch_job_instance i USING (job_instance_id)"
                        + " WHERE i.job_name = 'allocate' AND e.status = 'STARTED'") >= 1);
        doomed.kill9();
        if (started) {
            assertThat(RepliedTown.count(data, "SELECT count(*) FROM bookings")).as("a killed allocation books nobody").isZero();
        }
        OfukuProcess allocate = OfukuProcess.run(data, "allocate");
        assertThat(allocate.exitCode()).as(allocate.stderr()).isZero();
        long booked = RepliedTown.count(data, "SELECT count(*) FROM bookings WHERE dose = 1");
        assertThat(booked).isPositive();
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM sessions WHERE booked > capacity")).isZero();
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM sessions s WHERE booked <> (SELECT count(*) FROM bookings b WHERE b.session_id = s.session_id)"))
                .isZero();
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM replies r WHERE NOT EXISTS (SELECT 1 FROM bookings b WHERE b.reply_id = r.reply_id)"
                + " AND NOT EXISTS (SELECT 1 FROM allocations a WHERE a.reply_id = r.reply_id)")).as("every reply decided").isZero();
        OfukuProcess again = OfukuProcess.run(data, "allocate");
        assertThat(again.stdout()).contains(" 0 booked");
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM bookings WHERE dose = 1")).isEqualTo(booked);

        Path out = data.resolve("letters");
        OfukuProcess printing = OfukuProcess.start(data, "confirm", "--out", out.toString());
        boolean oneDone = printing.awaitWhileRunning(Duration.ofMinutes(3),
                () -> OfukuProcess.queryCount(data, "SELECT count(*) FROM confirm_print_files WHERE status = 'done'") >= 1);
        assertThat(oneDone).as("a confirmation file was printed before the kill; stderr: %s", printing.stderr()).isTrue();
        printing.kill9();
        OfukuProcess confirm = OfukuProcess.run(data, "confirm", "--out", out.toString());
        // sessions hold 3 places: some residents who need new dates have none with room near them, and the summary says so
        assertThat(confirm.exitCode()).as(confirm.stderr()).isIn(0, OfukuCommand.EXIT_INCOMPLETE);
        if (confirm.exitCode() == OfukuCommand.EXIT_INCOMPLETE) {
            assertThat(confirm.stdout()).containsAnyOf("NOT WRITTEN TO", "HELD");
        }

        Set<String> residents = new HashSet<>();
        List<Path> manifests;
        try (Stream<Path> list = Files.list(out.resolve("confirm"))) {
            manifests = list.filter(p -> p.getFileName().toString().matches("confirm-\\d{5}\\.csv")).sorted().toList();
        }
        for (Path manifest : manifests) {
            try (Reader in = Files.newBufferedReader(manifest)) {
                for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                    assertThat(residents.add(row.get("resident_id"))).as("resident %s confirmed twice", row.get("resident_id")).isTrue();
                }
            }
        }
        assertThat((long) residents.size()).isEqualTo(booked);
        try (Stream<Path> list = Files.list(out.resolve("confirm"))) {
            assertThat(list.filter(p -> p.toString().endsWith(".part"))).isEmpty();
        }
    }
}
