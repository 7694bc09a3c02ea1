package jp.ofuku.replies;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import jp.ofuku.letters.PrintFile;
import jp.ofuku.ops.JobOutcome;
import jp.ofuku.registry.RegistryImport;
import jp.ofuku.scan.ReplySimulator;
import jp.ofuku.support.DatabaseTest;

/** Residents reply by scan and fax (simulated from the real print file); what is accepted must be what they marked. */
class SimulatedRepliesTest extends DatabaseTest {

    @Autowired
    RegistryImport registry;
    @Autowired
    Replies replies;

    @TempDir
    Path dir;

    @Test
    void noAcceptedReplyDiffersFromWhatTheResidentMarked() throws Exception {
        town(dir).seed(23).synthetic(90).invited("sim");
        Path print = dir.resolve("print");
        Path inbox = dir.resolve("inbox");
        int sent = new ReplySimulator(42).replies(PrintFile.pdf(print, "sim-0001"), PrintFile.manifest(print, "sim-0001"),
                inbox, 1.0);
        Path truthFile = dir.resolve("truth.csv");
        Files.move(inbox.resolve("truth.csv.txt"), truthFile);
        JobOutcome outcome = replies.read(List.of(inbox));
        assertThat(outcome.completed()).as(outcome.failure()).isTrue();

        Map<String, String[]> accepted = new HashMap<>();
        jdbc.query("SELECT form_code, array_to_string(marked_options, ';'), array_to_string(extra, ';') FROM replies "
                + "WHERE status = 'accepted'", rs -> {
                    accepted.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                });
        List<CSVRecord> truth;
        try (Reader in = Files.newBufferedReader(truthFile)) {
            truth = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
        assertThat(truth).hasSize(sent);
        int wrong = 0;
        for (CSVRecord t : truth) {
            String[] read = accepted.get(t.get("form_code"));
            if (read != null && !(read[0].equals(t.get("marked_options")) && read[1].equals(t.get("extra")))) {
                wrong++;
                System.out.println("misread " + t.get("form_code") + ": marked " + t.get("marked_options") + " " + t.get("extra")
                        + ", read " + read[0] + " " + read[1]);
            }
        }
        System.out.printf("%d replies sent, %d accepted, %d to review, %d misread%n", sent, accepted.size(),
                outcome.counts().getOrDefault("review", 0L), wrong);
        assertThat(wrong).as("silent errors").isZero();
        assertThat(accepted.size()).as("accepted without review").isGreaterThanOrEqualTo((int) Math.ceil(sent * 0.9));
    }
}
