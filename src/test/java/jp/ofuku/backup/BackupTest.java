package jp.ofuku.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.FileSystemUtils;

import jp.ofuku.booking.Allocation;
import jp.ofuku.database.EmbeddedDatabase;
import jp.ofuku.ops.Exports;
import jp.ofuku.ops.StatusReport;
import jp.ofuku.registry.RegistryImport;
import jp.ofuku.support.DatabaseTest;

/** A backup restored onto a fresh database on a "new machine" (other folders) shows the same status and exports. */
class BackupTest extends DatabaseTest {

    @Autowired
    RegistryImport registry;
    @Autowired
    Allocation allocation;
    @Autowired
    jp.ofuku.ops.RunControl runs;
    @Autowired
    DataSource dataSource;

    @TempDir
    Path dir;
    Path print;
    Path archive;
    Path key;

    @BeforeEach
    void aTownInvitedRepliedBookedAndConfirmed() throws Exception {
        town(dir).synthetic(40).invited().replied("{1,2}").booked();
        print = dir.resolve("print");
        assertThat(allocation.confirm(print.resolve("confirm")).completed()).isTrue();
        archive = dir.resolve("archive");
        Files.createDirectories(archive.resolve("ab"));
        Files.writeString(archive.resolve("ab").resolve("abcdef.tif"), "an archived fax", java.nio.file.StandardOpenOption.CREATE_NEW);
        key = dir.resolve("form-mac.key");
        Files.writeString(key, "a key for this test only");
    }

    /** A data source on the fresh database whose sessions show times in ofuku's zone, as the product's pool does. */
    private static DataSource inOfukusZone(String url) {
        return new DriverManagerDataSource(url, "postgres", "") {
            @Override
            protected java.sql.Connection getConnectionFromDriver(java.util.Properties props) throws java.sql.SQLException {
                java.sql.Connection c = super.getConnectionFromDriver(props);
                try (var s = c.createStatement()) {
                    s.execute("SET TIME ZONE '" + jp.ofuku.support.TestClock.ZONE.getId() + "'");
                }
                return c;
            }
        };
    }

    private Backups on(DataSource db, Path root) {
        return new Backups(db, runs, root.resolve("print"), root.resolve("archive"), root.resolve("quarantine"),
                root.resolve("keys").resolve("form-mac.key"), clock);
    }

    @Test
    void aBackupRestoredOntoAFreshDatabaseMatchesTheOriginalInStatusExportsAndFiles() throws Exception {
        Backups original = new Backups(dataSource, runs, print, archive, dir.resolve("quarantine"), key, clock);
        Path backup = dir.resolve("backup");
        BackupManifest manifest = original.backup(backup);
        assertThat(manifest.tables()).containsKeys("residents", "bookings", "batch_job_execution", "flyway_schema_history");
        assertThat(manifest.tables().get("bookings")).isEqualTo(count("bookings"));
        assertThat(manifest.files()).anySatisfy(e -> assertThat(e.path()).isEqualTo("files/archive/ab/abcdef.tif"))
                .anySatisfy(e -> assertThat(e.path()).isEqualTo("files/keys/form-mac.key"))
                .anySatisfy(e -> assertThat(e.path()).startsWith("files/print/confirm/").endsWith(".pdf"))
                .allSatisfy(e -> assertThat(e.sha256()).hasSize(64));

        // the register and the form key are the owner's alone, in the backup and once restored
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup.resolve("files/keys/form-mac.key"))))
                .isEqualTo("rw-------");
        assertThatThrownBy(() -> original.backup(backup)).isInstanceOf(BackupException.class).hasMessageContaining("not empty");
        assertThatThrownBy(() -> original.restore(backup)).isInstanceOf(BackupException.class)
                .hasMessageContaining("fresh, empty database");

        Path machine = dir.resolve("new-machine");
        FileSystemUtils.deleteRecursively(machine);
        try (EmbeddedDatabase fresh = EmbeddedDatabase.start(machine.resolve("pg"))) {
            DataSource db = inOfukusZone(fresh.jdbcUrl());
            on(db, machine).restore(backup);

            JdbcTemplate restored = new JdbcTemplate(db);
            // the counts and the runs (not the WAL archiving of each server, which is its own)
            StatusReport.Status was = new StatusReport(jdbc, facts(jdbc)).read(20);
            StatusReport.Status is = new StatusReport(restored, facts(restored)).read(20);
            assertThat(is.counts()).isEqualTo(was.counts());
            assertThat(is.runs()).isEqualTo(was.runs());
            for (String what : List.of("replies", "bookings", "invitations", "sessions")) {
                new Exports(jdbc, facts(jdbc)).write(what, dir.resolve(what + "-original.csv"));
                new Exports(restored, facts(restored)).write(what, dir.resolve(what + "-restored.csv"));
                assertThat(Files.readString(dir.resolve(what + "-restored.csv"))).as(what)
                        .isEqualTo(Files.readString(dir.resolve(what + "-original.csv")));
            }
            // sequences carry on where they were: the next form code is not one already printed
            assertThat(restored.queryForObject("SELECT last_value FROM form_serial", Long.class))
                    .isEqualTo(jdbc.queryForObject("SELECT last_value FROM form_serial", Long.class));
            // the counts kept by the booking triggers came back as they were, and the triggers work again
            assertThat(restored.queryForObject("SELECT count(*) FROM sessions s WHERE booked <>"
                    + " (SELECT count(*) FROM bookings b WHERE b.session_id = s.session_id)", Long.class)).isZero();
            assertThat(Files.readString(machine.resolve("archive/ab/abcdef.tif"))).isEqualTo("an archived fax");
            assertThat(Files.readString(machine.resolve("keys/form-mac.key"))).isEqualTo("a key for this test only");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(machine.resolve("keys/form-mac.key"))))
                    .isEqualTo("rw-------");
            try (Stream<Path> pdfs = Files.list(machine.resolve("print/confirm"))) {
                assertThat(pdfs.filter(p -> p.toString().endsWith(".pdf")).count()).isEqualTo(1);
            }
        }
    }

    @Test
    void nightlyBackupsKeepTheNewestOfEachOfSevenDaysAndFourWeeksAndRemoveTheRestAndWhatAKilledOneLeft() throws Exception {
        Backups backups = new Backups(dataSource, runs, print, archive, dir.resolve("quarantine"), key, clock);
        Path root = dir.resolve("backups");
        // a backup killed midway left a folder with no manifest
        Files.createDirectories(root.resolve("backup-2026-11-20T043000").resolve("database"));
        java.time.LocalDate first = java.time.LocalDate.of(2026, 11, 8); // a Sunday
        Backups.Scheduled last = null;
        for (int i = 0; i < 29; i++) {
            clock.on(first.plusDays(i));
            last = backups.scheduled(root, 7, 4);
        }
        assertThat(last.folder().getFileName().toString()).isEqualTo("backup-2026-12-06T100000");
        assertThat(last.manifest().tables()).containsKey("bookings");
        try (Stream<Path> kept = Files.list(root)) {
            assertThat(kept.map(p -> p.getFileName().toString().substring("backup-".length(), "backup-2026-11-15".length())).sorted())
                    .as("the last 7 days, and the newest of each of the 3 weeks before (ISO weeks, Monday first)")
                    .containsExactly("2026-11-15", "2026-11-22", "2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03",
                            "2026-12-04", "2026-12-05", "2026-12-06");
        }
        assertThat(BackupManifest.read(last.folder()).files()).isNotEmpty();
    }

    @Autowired
    jp.ofuku.database.DatabaseConfiguration.EmbeddedDatabaseHolder embedded;

    @Test
    void aBackupHoldsABaseCopyOfTheDatabaseAndTheWalNoKeptBackupNeedsIsRemoved() throws Exception {
        jp.ofuku.database.PointInTime pit = embedded.database().pointInTime();
        Backups backups = new Backups(dataSource, runs, print, archive, dir.resolve("quarantine"), key, clock, pit);
        Path root = dir.resolve("backups-pit");
        clock.on(java.time.LocalDate.of(2026, 12, 1));
        Backups.Scheduled first = backups.scheduled(root, 1, 0);
        Path firstBase = first.folder().resolve(Backups.BASE_COPY);
        assertThat(first.manifest().files()).anySatisfy(e -> assertThat(e.path()).isEqualTo(Backups.BASE_COPY));
        String firstStart = jp.ofuku.database.PointInTime.startSegment(jp.ofuku.database.PointInTime.labelOf(firstBase));
        assertThat(pit.archive().resolve(firstStart)).as("the segment the base copy starts from, archived before the backup ended")
                .exists();

        jdbc.queryForObject("SELECT pg_logical_emit_message(false, 'ofuku', 'a day of work')", String.class);
        jdbc.queryForObject("SELECT pg_switch_wal()", String.class);
        clock.on(java.time.LocalDate.of(2026, 12, 2));
        Backups.Scheduled second = backups.scheduled(root, 1, 0);
        assertThat(second.removed()).containsExactly(first.folder());
        String secondStart = jp.ofuku.database.PointInTime.startSegment(jp.ofuku.database.PointInTime.labelOf(
                second.folder().resolve(Backups.BASE_COPY)));
        assertThat(secondStart).isGreaterThan(firstStart);
        assertThat(second.walSegmentsRemoved()).isPositive();
        try (Stream<Path> left = Files.list(pit.archive())) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9A-F]{24}")))
                    .as("no segment older than the kept backup's base copy").allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(secondStart))
                    .contains(secondStart);
        }
    }

    @Autowired
    jp.ofuku.web.ConsoleRuns console;

    @Test
    void theConsoleBacksUpWhileItRunsAsTheScheduleAsks() throws Exception {
        Path root = dir.resolve("console-backups");
        console.start("scheduler:backup.yaml", "backup", java.util.Map.of("to", root.toString(), "keep-daily", "7", "keep-weekly", "4"));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
        Path manifest = root.resolve("backup-2026-12-03T100000").resolve(BackupManifest.NAME);
        while (!Files.isRegularFile(manifest) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(manifest).as("the backup the console took, named by ofuku's clock").isRegularFile();
        assertThat(BackupManifest.read(manifest.getParent()).tables().get("bookings")).isEqualTo(count("bookings"));
    }

    @Test
    void aDamagedBackupIsRefusedBeforeAnythingIsChanged() throws Exception {
        Path backup = dir.resolve("backup");
        new Backups(dataSource, runs, print, archive, dir.resolve("quarantine"), key, clock).backup(backup);
        Path damaged = backup.resolve("database").resolve("bookings.copy.gz");
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(damaged, bytes);

        Path machine = dir.resolve("other-machine");
        try (EmbeddedDatabase fresh = EmbeddedDatabase.start(machine.resolve("pg"))) {
            DataSource db = inOfukusZone(fresh.jdbcUrl());
            assertThatThrownBy(() -> on(db, machine).restore(backup)).isInstanceOf(BackupException.class)
                    .hasMessageContaining("database/bookings.copy.gz").hasMessageContaining("checksum")
                    .hasMessageContaining("nothing was restored");
            assertThat(new JdbcTemplate(db).queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", Long.class))
                    .isZero();
            assertThat(machine.resolve("archive")).doesNotExist();

            // a manifest naming a path outside the backup is refused too
            Files.delete(damaged);
            Files.writeString(backup.resolve("manifest.json"), Files.readString(backup.resolve("manifest.json"))
                    .replace("\"files/archive/ab/abcdef.tif\"", "\"files/archive/../../../etc/passwd\""));
            assertThatThrownBy(() -> on(db, machine).restore(backup)).isInstanceOf(BackupException.class)
                    .hasMessageContaining("nothing was restored");
        }
    }

    /** The features' stores on a database of their own (the restored one, or the original). */
    private java.util.List<jp.ofuku.ops.FeatureFacts> facts(org.springframework.jdbc.core.JdbcTemplate db) {
        return java.util.List.of(new jp.ofuku.registry.RegistryFacts(db, clock), new jp.ofuku.invite.InvitationStore(db),
                new jp.ofuku.replies.ReplyStore(db), new jp.ofuku.booking.BookingFacts(db, clock));
    }
}
