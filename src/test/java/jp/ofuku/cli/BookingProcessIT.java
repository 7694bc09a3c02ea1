package jp.ofuku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.ofuku.database.EmbeddedDatabase;
import jp.ofuku.registry.SyntheticRegistry;
import jp.ofuku.support.OfukuProcess;

/** allocate and confirm killed with SIGKILL and rerun: nothing booked twice or past capacity, no letter printed twice. */
class BookingProcessIT {

    static final int RESIDENTS = 2_600;

    @Test
    void killedAllocateAndConfirmRunsAreFinishedByTheirRerunsWithNothingTwice(@TempDir Path files, @TempDir Path data)
            throws Exception {
        SyntheticRegistry town = new SyntheticRegistry(23, LocalDate.now());
        town.writeDistricts(files.resolve("districts.csv"));
        town.writeSites(files.resolve("sites.csv"));
        town.writeSessions(files.resolve("sessions.csv"), LocalDate.now().plusDays(14), 10);
        town.writeResidents(files.resolve("residents.csv"), RESIDENTS, StandardCharsets.UTF_8);
        for (String kind : List.of("districts", "sites", "sessions", "residents")) {
            OfukuProcess p = OfukuProcess.run(data, "import", kind, files.resolve(kind + ".csv").toString());
            assertThat(p.exitCode()).as(p.stderr()).isZero();
        }
        OfukuProcess invite = OfukuProcess.run(data, "invite", "--wave", "w", "--cohort", "all", "--out", data.resolve("invite").toString());
        assertThat(invite.exitCode()).as(invite.stderr()).isZero();
        // every resident replies, marking one to three options (as the read job records accepted replies)
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data.resolve("pg"));
                Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "");
                Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO replies (form_code, status, marked_options, extra, source_sha256, source_page, confidence)
                    SELECT form_code, 'accepted', ARRAY(SELECT DISTINCT 1 + (abs(hashtext(form_code || m)) % 12)
                                                        FROM generate_series(1, 1 + abs(hashtext(form_code)) % 3) m),
                           '{}', 'sha-' || form_code, 1, 1 FROM invitations""");
            // few places, so that sessions fill and the matching has work to do
            s.executeUpdate("UPDATE sessions SET capacity = 3");
        }

        OfukuProcess doomed = OfukuProcess.start(data, "allocate");
        boolean started = doomed.awaitWhileRunning(Duration.ofMinutes(2), () -> OfukuProcess.queryCount(data,
                "SELECT count(*) FROM batch_job_execution e JOIN batch_job_instance i USING (job_instance_id)"
                        + " WHERE i.job_name = 'allocate' AND e.status = 'STARTED'") >= 1);
        doomed.kill9();
        if (started) {
            assertThat(count(data, "SELECT count(*) FROM bookings")).as("a killed allocation books nobody").isZero();
        }
        OfukuProcess allocate = OfukuProcess.run(data, "allocate");
        assertThat(allocate.exitCode()).as(allocate.stderr()).isZero();
        long booked = count(data, "SELECT count(*) FROM bookings WHERE dose = 1");
        assertThat(booked).isPositive();
        assertThat(count(data, "SELECT count(*) FROM sessions WHERE booked > capacity")).isZero();
        assertThat(count(data, "SELECT count(*) FROM sessions s WHERE booked <> (SELECT count(*) FROM bookings b WHERE b.session_id = s.session_id)"))
                .isZero();
        assertThat(count(data, "SELECT count(*) FROM replies r WHERE NOT EXISTS (SELECT 1 FROM bookings b WHERE b.reply_id = r.reply_id)"
                + " AND NOT EXISTS (SELECT 1 FROM allocations a WHERE a.reply_id = r.reply_id)")).as("every reply decided").isZero();
        OfukuProcess again = OfukuProcess.run(data, "allocate");
        assertThat(again.stdout()).contains(" 0 booked");
        assertThat(count(data, "SELECT count(*) FROM bookings WHERE dose = 1")).isEqualTo(booked);

        Path out = data.resolve("letters");
        OfukuProcess printing = OfukuProcess.start(data, "confirm", "--out", out.toString());
        boolean oneDone = printing.awaitWhileRunning(Duration.ofMinutes(3),
                () -> OfukuProcess.queryCount(data, "SELECT count(*) FROM confirm_print_files WHERE status = 'done'") >= 1);
        assertThat(oneDone).as("a confirmation file was printed before the kill; stderr: %s", printing.stderr()).isTrue();
        printing.kill9();
        OfukuProcess confirm = OfukuProcess.run(data, "confirm", "--out", out.toString());
        assertThat(confirm.exitCode()).as(confirm.stderr()).isZero();

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

    /** A count from the database while no ofuku process runs. */
    private static long count(Path data, String sql) throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data.resolve("pg"));
                Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
