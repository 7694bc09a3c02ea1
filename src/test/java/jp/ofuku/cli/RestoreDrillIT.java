package jp.ofuku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

import jp.ofuku.support.OfukuProcess;
import jp.ofuku.support.RepliedTown;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's restore drill, as an operator would do it after losing the machine: a night run,
 * a backup, the database, print files, archive and form key destroyed, the backup restored (to a
 * moment after it, through the WAL archive, and whole), and the next nightly carries on with
 * nothing lost and nothing twice.
 */
class RestoreDrillIT {

    /**
     * The drill, with the point-in-time restore: a nightly, a backup, a moment, a second wave
     * invited after it; then the database, print files, archive and form key destroyed. Rolled
     * forward from the backup's base copy through the WAL archive to the moment, every letter,
     * reply, booking and confirmation of the moment is there and the second wave is not; the files
     * come back from the backup; the next nightly carries on with nothing twice. The same backup
     * restored whole (without the archive) onto another empty machine holds the same.
     */
    @Test
    void aTownDestroyedIsTakenBackToAMomentAfterItsBackupAndCarriesOnWithTheNextNightly(@TempDir Path files, @TempDir Path data,
            @TempDir Path vault, @TempDir Path elsewhere) throws Exception {
        RepliedTown.create(files, data, 41, 120);
        Path inbox = Files.createDirectories(data.resolve("inbox"));
        Path print = data.resolve("print");
        Path walArchive = data.resolve("wal-archive");
        Map<String, String> folders = Map.of("OFUKU_NIGHTLY_OUT", print.toString(), "OFUKU_NIGHTLY_INBOX", inbox.toString(),
                "OFUKU_WAL_ARCHIVE", walArchive.toString());
        LocalDate today = LocalDate.now();
        OfukuProcess first = run(data, folders, "nightly", "--date", today.toString());
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        JsonNode before = counts(data, folders);
        assertThat(before.get("bookings.first").asLong()).isPositive();
        assertThat(before.get("confirmations.printed").asLong()).isPositive();

        Path backup = vault.resolve("ofuku-backup");
        OfukuProcess taken = run(data, folders, "backup", "--out", backup.toString());
        assertThat(taken.exitCode()).as(taken.stderr()).isZero();
        assertThat(backup.resolve("database/base.zip")).as("a base copy of the database in the backup").isRegularFile();

        Thread.sleep(1_100);
        LocalDateTime moment = LocalDateTime.now(ZoneId.of("Asia/Tokyo")).truncatedTo(ChronoUnit.SECONDS);
        Thread.sleep(1_100);
        OfukuProcess secondWave = run(data, folders, "invite", "--wave", "w2", "--cohort", "all", "--out",
                data.resolve("invite-w2").toString());
        assertThat(secondWave.exitCode()).as(secondWave.stderr()).isZero();
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM invitations WHERE wave = 'w2'")).as("invited after the moment")
                .isPositive();

        // the disaster: the database, the print files, the archive and the form key are gone; the WAL archive is elsewhere
        for (String gone : new String[] {"pg", "print", "archive", "quarantine"}) {
            FileSystemUtils.deleteRecursively(data.resolve(gone));
        }
        Files.deleteIfExists(data.resolve("form-mac.key"));

        OfukuProcess restored = run(data, folders, "restore", backup.toString(), "--until", moment.toString().replace('T', ' '));
        assertThat(restored.exitCode()).as(restored.stderr()).isZero();
        assertThat(restored.stdout()).contains("Restored the database as it was at " + moment.toString().replace('T', ' '));
        assertSameCounts(counts(data, folders), before);
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM invitations WHERE wave = 'w2'")).as("nothing after the moment").isZero();
        assertThat(data.resolve("form-mac.key")).as("the form key back, so replies to letters sent still verify").isRegularFile();
        try (Stream<Path> confirmations = Files.list(print.resolve("confirm"))) {
            assertThat(confirmations.filter(p -> p.toString().endsWith(".pdf"))).as("the confirmations' print files back").isNotEmpty();
        }

        OfukuProcess whole = run(elsewhere, Map.of(), "restore", backup.toString());
        assertThat(whole.exitCode()).as(whole.stderr()).isZero();
        assertSameCounts(counts(elsewhere, Map.of()), before);

        OfukuProcess next = run(data, folders, "nightly", "--date", today.plusDays(1).toString());
        assertThat(next.exitCode()).as(next.stderr()).isZero();
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM (SELECT wave, resident_id, dose FROM bookings"
                + " GROUP BY 1, 2, 3 HAVING count(*) > 1) twice")).as("nobody booked twice").isZero();
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM sessions s WHERE booked <> (SELECT count(*) FROM bookings b"
                + " WHERE b.session_id = s.session_id) OR booked > capacity")).isZero();
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM (SELECT resident_id FROM confirmations GROUP BY wave, resident_id"
                + " HAVING count(*) > 1) twice")).as("nobody confirmed twice").isZero();
    }

    private static void assertSameCounts(JsonNode actual, JsonNode expected) {
        for (String count : new String[] {"residents", "invitations", "invitations.printed", "replies.accepted", "bookings.first",
            "bookings.next", "confirmations.printed", "print_files"}) {
            assertThat(actual.get(count).asLong()).as(count).isEqualTo(expected.get(count).asLong());
        }
    }

    private static OfukuProcess run(Path data, Map<String, String> env, String... args) throws Exception {
        OfukuProcess p = OfukuProcess.start(data, env, args);
        p.waitFor();
        return p;
    }

    private static JsonNode counts(Path data, Map<String, String> env) throws Exception {
        OfukuProcess status = run(data, env, "status", "--json");
        assertThat(status.exitCode()).as(status.stderr()).isZero();
        return JsonMapper.builder().build().readTree(status.stdout()).get("counts");
    }
}
