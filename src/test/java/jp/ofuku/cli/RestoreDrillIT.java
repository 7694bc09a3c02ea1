package jp.ofuku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
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
 * a backup, the database, print files, archive and form key destroyed, the backup restored, and
 * the next nightly carries on with nothing lost and nothing twice.
 */
class RestoreDrillIT {

    @Test
    void aTownDestroyedAndRestoredFromItsBackupCarriesOnWithTheNextNightly(@TempDir Path files, @TempDir Path data,
            @TempDir Path vault) throws Exception {
        RepliedTown.create(files, data, 41, 120);
        Path inbox = Files.createDirectories(data.resolve("inbox"));
        Path print = data.resolve("print");
        Map<String, String> folders = Map.of("OFUKU_NIGHTLY_OUT", print.toString(), "OFUKU_NIGHTLY_INBOX", inbox.toString());
        LocalDate today = LocalDate.now();
        OfukuProcess first = run(data, folders, "nightly", "--date", today.toString());
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        JsonNode before = counts(data, folders);
        assertThat(before.get("bookings.first").asLong()).isPositive();
        assertThat(before.get("confirmations.printed").asLong()).isPositive();

        Path backup = vault.resolve("ofuku-backup");
        OfukuProcess taken = run(data, folders, "backup", "--out", backup.toString());
        assertThat(taken.exitCode()).as(taken.stderr()).isZero();

        // the disaster: the database, the print files, the archive and the form key are gone
        for (String gone : new String[] {"pg", "print", "archive", "quarantine"}) {
            FileSystemUtils.deleteRecursively(data.resolve(gone));
        }
        Files.deleteIfExists(data.resolve("form-mac.key"));

        OfukuProcess restored = run(data, folders, "restore", backup.toString());
        assertThat(restored.exitCode()).as(restored.stderr()).isZero();
        JsonNode after = counts(data, folders);
        for (String count : new String[] {"residents", "invitations.printed", "replies.accepted", "bookings.first", "bookings.next",
            "confirmations.printed"}) {
            assertThat(after.get(count).asLong()).as(count).isEqualTo(before.get(count).asLong());
        }
        assertThat(data.resolve("form-mac.key")).as("the form key back, so replies to letters sent still verify").isRegularFile();
        try (Stream<Path> confirmations = Files.list(print.resolve("confirm"))) {
            assertThat(confirmations.filter(p -> p.toString().endsWith(".pdf"))).as("the confirmations' print files back").isNotEmpty();
        }

        OfukuProcess next = run(data, folders, "nightly", "--date", today.plusDays(1).toString());
        assertThat(next.exitCode()).as(next.stderr()).isZero();
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM (SELECT wave, resident_id, dose FROM bookings"
                + " GROUP BY 1, 2, 3 HAVING count(*) > 1) twice")).as("nobody booked twice").isZero();
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM sessions s WHERE booked <> (SELECT count(*) FROM bookings b"
                + " WHERE b.session_id = s.session_id) OR booked > capacity")).isZero();
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM (SELECT resident_id FROM confirmations GROUP BY wave, resident_id"
                + " HAVING count(*) > 1) twice")).as("nobody confirmed twice").isZero();
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
