package jp.ofuku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.ofuku.letters.PrintFile;
import jp.ofuku.registry.SyntheticRegistry;
import jp.ofuku.scan.ReplySimulator;
import jp.ofuku.support.OfukuProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The read job killed with SIGKILL and rerun: every page read once, no reply lost, every original kept. */
class ReadProcessIT {

    @Test
    void aReadKilledMidwayIsFinishedByTheRerunWithEveryPageReadOnce(@TempDir Path data, @TempDir Path files) throws Exception {
        SyntheticRegistry town = new SyntheticRegistry(29, LocalDate.now());
        town.writeDistricts(files.resolve("districts.csv"));
        town.writeSites(files.resolve("sites.csv"));
        town.writeSessions(files.resolve("sessions.csv"), LocalDate.now().plusDays(14), 10);
        town.writeResidents(files.resolve("residents.csv"), 180, StandardCharsets.UTF_8);
        for (String kind : List.of("districts", "sites", "sessions", "residents")) {
            assertThat(OfukuProcess.run(data, "import", kind, files.resolve(kind + ".csv").toString()).exitCode()).isZero();
        }
        Path print = data.resolve("print");
        OfukuProcess invite = OfukuProcess.run(data, "invite", "--wave", "r", "--cohort", "all", "--out", print.toString());
        assertThat(invite.exitCode()).as(invite.stderr()).isZero();

        Path inbox = data.resolve("inbox");
        int sent = new ReplySimulator(3).replies(PrintFile.pdf(print, "r-0001"), PrintFile.manifest(print, "r-0001"), inbox, 0.7);
        Files.move(inbox.resolve("truth.csv.txt"), files.resolve("truth.csv"));
        long inboxFiles;
        try (Stream<Path> list = Files.list(inbox)) {
            inboxFiles = list.count();
        }

        OfukuProcess doomed = OfukuProcess.start(data, "read", inbox.toString());
        boolean midway = doomed.awaitWhileRunning(Duration.ofMinutes(3),
                () -> OfukuProcess.queryCount(data, "SELECT count(*) FROM received_files") >= 10);
        assertThat(midway).as("the read was under way when killed; stderr: %s", doomed.stderr()).isTrue();
        doomed.kill9();

        OfukuProcess rerun = OfukuProcess.run(data, "read", inbox.toString());
        assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
        try (Stream<Path> left = Files.list(inbox)) {
            assertThat(left).as("every file read and moved out of the inbox").isEmpty();
        }
        try (Stream<Path> kept = Files.walk(data.resolve("archive"))) {
            assertThat(kept.filter(Files::isRegularFile).count()).as("every original kept in the archive").isEqualTo(inboxFiles);
        }
        JsonNode counts = JsonMapper.builder().build().readTree(OfukuProcess.run(data, "status", "--json").stdout()).get("counts");
        assertThat(counts.get("received_files").asLong()).isEqualTo(inboxFiles);
        assertThat(counts.get("replies.accepted").asLong() + counts.get("review_items.open").asLong()).isEqualTo(sent);
        assertThat(counts.get("replies.superseded").asLong()).isZero();
    }
}
