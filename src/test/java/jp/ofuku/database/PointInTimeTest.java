package jp.ofuku.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.ofuku.ops.Refusal;

/**
 * The parts of point-in-time recovery that need no server: the shell commands PostgreSQL runs
 * (on a folder whose name would break naive quoting), what a restore refuses before it changes
 * anything, and the pruning of segments no backup needs. RestoreDrillIT rolls a real one forward.
 */
class PointInTimeTest {

    @TempDir
    Path dir;

    @Test
    void theArchiveCommandCopiesASegmentWholeAndAcceptsOnlyTheSameSegmentAgain() throws Exception {
        Path archive = Files.createDirectories(dir.resolve("it's 100% the \"archive\" $HOME"));
        Path data = Files.createDirectories(dir.resolve("pg"));
        Files.createDirectories(data.resolve("pg_wal"));
        Path segment = data.resolve("pg_wal/000000010000000000000003");
        Files.write(segment, new byte[] {1, 2, 3});
        PointInTime pit = new PointInTime(data, archive);

        assertThat(sh(data, pit.archiveCommand(), "pg_wal/000000010000000000000003", "000000010000000000000003")).isZero();
        assertThat(archive.resolve("000000010000000000000003")).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(archive.resolve("000000010000000000000003.part")).doesNotExist();
        assertThat(sh(data, pit.archiveCommand(), "pg_wal/000000010000000000000003", "000000010000000000000003"))
                .as("archived again after a crash: the same segment is accepted").isZero();
        Files.write(segment, new byte[] {9});
        assertThat(sh(data, pit.archiveCommand(), "pg_wal/000000010000000000000003", "000000010000000000000003"))
                .as("a different segment of the same name is refused, never written over").isNotZero();
        assertThat(archive.resolve("000000010000000000000003")).hasBinaryContent(new byte[] {1, 2, 3});

        Files.delete(segment);
        assertThat(sh(data, pit.restoreCommand(), "pg_wal/RECOVERYXLOG", "000000010000000000000003")).isZero();
        assertThat(data.resolve("pg_wal/RECOVERYXLOG")).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(sh(data, pit.restoreCommand(), "pg_wal/RECOVERYXLOG", "000000010000000000000004"))
                .as("a segment not archived ends the recovery").isNotZero();
    }

    /** Runs a command as PostgreSQL does: %p and %f replaced, %% made %, by /bin/sh in the data folder. */
    private static int sh(Path data, String command, String p, String f) throws Exception {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '%' && i + 1 < command.length()) {
                char next = command.charAt(++i);
                line.append(next == 'p' ? p : next == 'f' ? f : String.valueOf(next));
            } else {
                line.append(c);
            }
        }
        Process process = new ProcessBuilder("/bin/sh", "-c", line.toString()).directory(data.toFile()).redirectErrorStream(true).start();
        process.getInputStream().transferTo(OutputStream.nullOutputStream());
        return process.waitFor();
    }

    @Test
    void aRestoreRefusesBeforeItChangesAnything() throws Exception {
        Path archive = Files.createDirectories(dir.resolve("wal"));
        Path base = baseCopy(Instant.parse("2026-12-07T01:00:00Z"));
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T03:00:00Z"), ZoneId.of("Asia/Tokyo"));
        OffsetDateTime jst = OffsetDateTime.parse("2026-12-07T10:30:00+09:00");

        Path occupied = Files.createDirectories(dir.resolve("occupied"));
        Files.writeString(occupied.resolve("PG_VERSION"), "17\n");
        assertThatThrownBy(() -> new PointInTime(occupied, archive).prepareRecovery(base, Optional.of(jst), clock))
                .isInstanceOf(Refusal.class).hasMessageContaining("already holds a database").hasMessageContaining("move that folder away");
        assertThat(occupied.resolve("recovery.signal")).doesNotExist();

        Path empty = dir.resolve("empty");
        assertThatThrownBy(() -> new PointInTime(empty, archive).prepareRecovery(base, Optional.of(jst.minusHours(1)), clock))
                .isInstanceOf(Refusal.class).hasMessageContaining("finished at 2026-12-07T10:00")
                .hasMessageContaining("restore an older backup");
        assertThatThrownBy(() -> new PointInTime(empty, archive).prepareRecovery(base, Optional.of(jst.plusHours(2)), clock))
                .isInstanceOf(Refusal.class).hasMessageContaining("is still to come");
        assertThatThrownBy(() -> new PointInTime(empty, dir.resolve("unmounted")).prepareRecovery(base, Optional.empty(), clock))
                .isInstanceOf(Refusal.class).hasMessageContaining("is not there: mount the disk");
        assertThatThrownBy(() -> new PointInTime(empty, null).prepareRecovery(base, Optional.empty(), clock))
                .isInstanceOf(Refusal.class).hasMessageContaining("OFUKU_WAL_ARCHIVE");
        assertThat(empty).doesNotExist();

        new PointInTime(empty, archive).prepareRecovery(base, Optional.of(jst), clock);
        assertThat(empty.resolve("recovery.signal")).exists();
        assertThat(empty.resolve(PointInTime.RESTORING)).as("marked as laid by a restore, never opened").exists();
        assertThat(empty.resolve("PG_VERSION")).hasContent("17");
        assertThat(empty.resolve("ofuku-consistent-at")).as("ofuku's own entry is not laid into the data folder").doesNotExist();
        assertThat(Files.readString(empty.resolve("postgresql.auto.conf"))).contains("recovery_target_time = '2026-12-07 10:30:00.000000+09:00'")
                .contains("restore_command = 'cp ''" + archive.toAbsolutePath());
        for (String d : new String[] {"pg_wal", "pg_replslot", "pg_subtrans"}) {
            assertThat(empty.resolve(d)).isDirectory();
        }
    }

    @Test
    void aBaseCopyThatLeadsOutsideTheDataFolderIsRefused() throws Exception {
        Path base = dir.resolve("evil.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(base))) {
            entry(zip, "ofuku-consistent-at", "2026-12-07T01:00:00Z");
            entry(zip, "../outside", "x");
        }
        Path data = dir.resolve("pg");
        assertThatThrownBy(() -> new PointInTime(data, Files.createDirectories(dir.resolve("wal"))).prepareRecovery(base, Optional.empty(),
                Clock.systemUTC())).isInstanceOf(IOException.class).hasMessageContaining("outside the data folder");
        assertThat(dir.resolve("outside")).doesNotExist();
    }

    @Test
    void segmentsOlderThanTheOldestBaseCopyKeptAreRemovedAndHistoryFilesKept() throws Exception {
        Path archive = Files.createDirectories(dir.resolve("wal"));
        for (String name : new String[] {"000000010000000000000003", "000000010000000000000004", "000000010000000000000004.00000028.backup",
            "000000010000000000000005", "000000010000000000000006.partial", "00000002.history", "000000020000000000000006",
            "notes.txt"}) {
            Files.writeString(archive.resolve(name), name);
        }
        String label = "START WAL LOCATION: 0/5000028 (file 000000010000000000000005)\nCHECKPOINT LOCATION: 0/5000080\n";
        assertThat(new PointInTime(dir, archive).pruneBefore(PointInTime.startSegment(label))).isEqualTo(3);
        try (var left = Files.list(archive)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("000000010000000000000005",
                    "000000010000000000000006.partial", "00000002.history", "000000020000000000000006", "notes.txt");
        }
    }

    private Path baseCopy(Instant consistentAt) throws IOException {
        Path base = dir.resolve("base.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(base))) {
            entry(zip, "PG_VERSION", "17");
            entry(zip, "postgresql.auto.conf", "# Do not edit this file manually!\n");
            zip.putNextEntry(new ZipEntry("base/"));
            zip.closeEntry();
            entry(zip, "base/1/1259", "a relation");
            entry(zip, "backup_label", "START WAL LOCATION: 0/5000028 (file 000000010000000000000005)\n");
            entry(zip, "ofuku-consistent-at", consistentAt.toString());
        }
        return base;
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
