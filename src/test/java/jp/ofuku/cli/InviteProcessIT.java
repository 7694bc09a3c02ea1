package jp.ofuku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.ofuku.registry.SyntheticRegistry;
import jp.ofuku.support.OfukuProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The invite job killed with SIGKILL while printing, and rerun: every letter exactly once. */
class InviteProcessIT {

    static final int RESIDENTS = 2_600;

    @TempDir
    static Path files;

    @BeforeAll
    static void generateRegistry() throws Exception {
        SyntheticRegistry town = new SyntheticRegistry(17, LocalDate.now());
        town.writeDistricts(files.resolve("districts.csv"));
        town.writeSites(files.resolve("sites.csv"));
        town.writeSessions(files.resolve("sessions.csv"), LocalDate.now().plusDays(14), 10);
        town.writeResidents(files.resolve("residents.csv"), RESIDENTS, StandardCharsets.UTF_8);
    }

    @Test
    void aRunKilledWhilePrintingIsFinishedByTheRerunWithEveryLetterPrintedExactlyOnce(@TempDir Path data) throws Exception {
        OfukuProcess p = OfukuProcess.run(data, "import", "all", files.toString());
        assertThat(p.exitCode()).as(p.stderr()).isZero();
        Path out = data.resolve("print");
        String[] invite = {"invite", "--wave", "kill-test", "--cohort", "all", "--out", out.toString()};

        OfukuProcess doomed = OfukuProcess.start(data, invite);
        boolean printing = doomed.awaitWhileRunning(Duration.ofMinutes(3),
                () -> OfukuProcess.queryCount(data, "SELECT count(*) FROM print_files WHERE status = 'done'") >= 1);
        assertThat(printing).as("the run printed a file before being killed; stderr: %s", doomed.stderr()).isTrue();
        doomed.kill9();

        OfukuProcess rerun = OfukuProcess.run(data, invite);
        assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
        assertEveryLetterPrintedOnce(data, out);
    }

    @Test
    void aRunWhosePostgresqlIsKilledWhilePrintingEndsWithItsReasonAndTheRerunFinishesIt(@TempDir Path data) throws Exception {
        OfukuProcess p = OfukuProcess.run(data, "import", "all", files.toString());
        assertThat(p.exitCode()).as(p.stderr()).isZero();
        Path out = data.resolve("print");
        String[] invite = {"invite", "--wave", "kill-test", "--cohort", "all", "--out", out.toString()};

        OfukuProcess orphaned = OfukuProcess.start(data, invite);
        boolean printing = orphaned.awaitWhileRunning(Duration.ofMinutes(3),
                () -> OfukuProcess.queryCount(data, "SELECT count(*) FROM print_files WHERE status = 'done'") >= 1);
        assertThat(printing).as("the run printed a file first; stderr: %s", orphaned.stderr()).isTrue();
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("pg").resolve("postmaster.pid")).get(0).strip());
        ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();

        assertThat(orphaned.waitFor()).as("the run ends, failed; stderr: %s", orphaned.stderr()).isNotZero();
        assertThat(orphaned.stderr()).contains("the embedded PostgreSQL").contains("ended unexpectedly").contains("run the command again");

        OfukuProcess rerun = OfukuProcess.run(data, invite);
        assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
        assertEveryLetterPrintedOnce(data, out);
    }

    /** Every active resident has exactly one letter, in one print file, whole; nothing is left half-written. */
    private static void assertEveryLetterPrintedOnce(Path data, Path out) throws Exception {
        OfukuProcess status = OfukuProcess.run(data, "status", "--json");
        JsonNode counts = JsonMapper.builder().build().readTree(status.stdout()).get("counts");
        long active = counts.get("residents.active").asLong();
        assertThat(counts.get("invitations.printed").asLong()).isEqualTo(active);
        assertThat(counts.get("invitations.planned").asLong()).isZero();

        Set<String> forms = new HashSet<>();
        Set<String> residents = new HashSet<>();
        List<Path> manifests;
        try (Stream<Path> list = Files.list(out)) {
            manifests = list.filter(p -> p.getFileName().toString().matches("kill-test-\\d{4}\\.csv")).sorted().toList();
        }
        assertThat(manifests).hasSize((int) Math.ceil(active / 1000.0));
        for (Path manifest : manifests) {
            List<CSVRecord> rows = rows(manifest);
            for (CSVRecord row : rows) {
                assertThat(forms.add(row.get("form_code"))).as("form %s printed twice", row.get("form_code")).isTrue();
                assertThat(residents.add(row.get("resident_id"))).as("resident %s written to twice", row.get("resident_id"))
                        .isTrue();
            }
            Path pdf = manifest.resolveSibling(manifest.getFileName().toString().replace(".csv", ".pdf"));
            try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
                assertThat(document.getNumberOfPages()).isEqualTo(rows.size() * 2);
            }
        }
        assertThat(forms).hasSize((int) active);
        try (Stream<Path> list = Files.list(out)) {
            assertThat(list.filter(p -> p.toString().endsWith(".part"))).isEmpty();
        }
    }

    private static List<CSVRecord> rows(Path manifest) throws Exception {
        try (Reader in = Files.newBufferedReader(manifest)) {
            return new ArrayList<>(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords());
        }
    }
}
