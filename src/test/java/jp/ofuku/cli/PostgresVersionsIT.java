package jp.ofuku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.ofuku.letters.PrintFile;
import jp.ofuku.registry.SyntheticRegistry;
import jp.ofuku.scan.ReplySimulator;
import jp.ofuku.support.DebianPostgres;
import jp.ofuku.support.OfukuProcess;

/**
 * The round trip on Debian 12's own PostgreSQL 15 as the shared server (the embedded 17 is
 * tested everywhere else): import, invite, replies read, booked, confirmed.
 */
class PostgresVersionsIT {

    @Test
    void theRoundTripRunsOnPostgresFifteen(@TempDir Path data, @TempDir Path files) throws Exception {
        try (DebianPostgres server = DebianPostgres.start(15)) {
            Map<String, String> env = Map.of("OFUKU_DB_URL", server.jdbcUrl(), "OFUKU_DB_USER", "postgres", "OFUKU_DB_PASSWORD", "");
            SyntheticRegistry town = new SyntheticRegistry(31, LocalDate.now());
            town.writeDistricts(files.resolve("districts.csv"));
            town.writeSites(files.resolve("sites.csv"));
            town.writeSessions(files.resolve("sessions.csv"), LocalDate.now().plusDays(14), 10);
            town.writeResidents(files.resolve("residents.csv"), 300, StandardCharsets.UTF_8);
            run(data, env, "import", "all", files.toString());
            Path print = data.resolve("print");
            run(data, env, "invite", "--wave", "pg15", "--cohort", "all", "--out", print.toString());
            Path inbox = data.resolve("inbox");
            int sent = new ReplySimulator(7).replies(PrintFile.pdf(print, "pg15-0001"), PrintFile.manifest(print, "pg15-0001"), inbox, 0.5);
            Files.delete(inbox.resolve("truth.csv.txt"));
            run(data, env, "read", inbox.toString());
            run(data, env, "allocate");
            run(data, env, "confirm", "--out", data.resolve("confirm").toString());

            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", ""); Statement s = c.createStatement()) {
                assertThat(one(s, "SELECT current_setting('server_version_num')::int / 10000")).isEqualTo(15);
                assertThat(one(s, "SELECT count(*) FROM replies") + one(s, "SELECT count(*) FROM review_items")).isEqualTo(sent);
                assertThat(one(s, "SELECT count(*) FROM bookings WHERE dose = 1")).isPositive();
                assertThat(one(s, "SELECT count(*) FROM confirmations WHERE printed_at IS NOT NULL"))
                        .isEqualTo(one(s, "SELECT count(*) FROM bookings WHERE dose = 1 AND reply_id IS NOT NULL"));
            }
            try (Stream<Path> pdfs = Files.list(data.resolve("confirm").resolve("confirm"))) {
                assertThat(pdfs.filter(p -> p.toString().endsWith(".pdf"))).isNotEmpty();
            }
        }
    }

    private static void run(Path data, Map<String, String> env, String... args) throws Exception {
        OfukuProcess p = OfukuProcess.start(data, env, args);
        assertThat(p.waitFor()).as(String.join(" ", args) + ": " + p.stderr() + p.stdout()).isZero();
    }

    private static long one(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
