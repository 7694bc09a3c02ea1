package jp.ofuku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.ofuku.registry.SyntheticRegistry;
import jp.ofuku.support.OfukuProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The import as separate processes: killed with SIGKILL and rerun, and two commands at once. */
class ImportProcessIT {

    static final int RESIDENTS = 200_000;

    @TempDir
    static Path files;

    static Path residents;
    static Path districts;

    @BeforeAll
    static void generateRegistry() throws Exception {
        SyntheticRegistry registry = new SyntheticRegistry(7, LocalDate.now());
        districts = files.resolve("districts.csv");
        residents = files.resolve("residents.csv");
        registry.writeDistricts(districts);
        registry.writeResidents(residents, RESIDENTS, StandardCharsets.UTF_8);
    }

    @Test
    void aRunKilledWhileStagingIsCompletedByTheRerunWithEveryRowLoadedOnce(@TempDir Path data) throws Exception {
        killAndRerun(data, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY staging_residents%' AND state = 'active'",
                Duration.ofMillis(300));
    }

    @Test
    void aRunKilledWhileMergingIsCompletedByTheRerunWithEveryRowLoadedOnce(@TempDir Path data) throws Exception {
        killAndRerun(data, "SELECT count(*) FROM batch_step_execution WHERE step_name = 'import-residents.merge' "
                + "AND status = 'STARTED'", Duration.ofMillis(200));
    }

    private void killAndRerun(Path data, String killWhen, Duration thenWait) throws Exception {
        assertThat(OfukuProcess.run(data, "import", "districts", districts.toString()).exitCode()).isZero();

        OfukuProcess doomed = OfukuProcess.start(data, "import", "residents", residents.toString());
        boolean reached = doomed.awaitWhileRunning(Duration.ofMinutes(3), () -> OfukuProcess.queryCount(data, killWhen) > 0);
        assertThat(reached).as("the import reached the kill point; stderr: %s", doomed.stderr()).isTrue();
        Thread.sleep(thenWait.toMillis());
        doomed.kill9();
        assertThat(Files.exists(data.resolve("pg").resolve("postmaster.pid")))
                .as("PostgreSQL is left running, as after a crash").isTrue();

        OfukuProcess rerun = OfukuProcess.run(data, "import", "residents", residents.toString());
        assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
        assertThat(rerun.stdout()).contains("200,000 rows read").contains("0 updated").contains("0 rejected");

        OfukuProcess status = OfukuProcess.run(data, "status", "--json");
        assertThat(status.exitCode()).as(status.stderr()).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(status.stdout());
        assertThat(json.get("counts").get("residents").asLong()).isEqualTo(RESIDENTS);
        assertThat(json.get("counts").get("resident_changes").asLong()).isZero();
        JsonNode runs = json.get("runs");
        assertThat(runs.get(0).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(runs.get(1).get("status").asString()).isEqualTo("FAILED");
        assertThat(runs.get(1).get("message").asString()).startsWith("abandoned");
    }

    @Test
    void aSecondCommandOnTheSameEmbeddedDatabaseIsRefusedWithAClearMessage(@TempDir Path data) throws Exception {
        assertThat(OfukuProcess.run(data, "import", "districts", districts.toString()).exitCode()).isZero();
        OfukuProcess first = OfukuProcess.start(data, "import", "residents", residents.toString());
        assertThat(first.awaitWhileRunning(Duration.ofMinutes(2),
                () -> Files.exists(data.resolve("pg").resolve("postmaster.pid")))).isTrue();

        OfukuProcess second = OfukuProcess.run(data, "status");
        assertThat(second.exitCode()).isEqualTo(OfukuCommand.EXIT_BUSY);
        assertThat(second.stderr().strip()).startsWith("ofuku: the embedded database in").contains("is in use by another ofuku command (pid")
                .contains("wait for it to finish").doesNotContain("Exception");

        assertThat(first.waitFor()).as(first.stderr()).isZero();
        OfukuProcess after = OfukuProcess.run(data, "status");
        assertThat(after.exitCode()).isZero();
        assertThat(after.stdout()).contains("import-residents        COMPLETED");
    }

    @Test
    void aRefusedFileExitsNonZeroWithOneLineOnStderr(@TempDir Path data) throws Exception {
        Path bad = files.resolve("bad-sessions.csv");
        Files.writeString(bad, "site_code,start,end,capacity,vaccine\nS01,2027-01-11T09:30,2027-01-11T12:00,60,covid-19\n");
        OfukuProcess p = OfukuProcess.run(data, "import", "sessions", bad.toString());
        assertThat(p.exitCode()).isEqualTo(1);
        assertThat(p.stderr().strip().lines()).hasSize(1).first().asString()
                .startsWith("ofuku: import sessions " + bad + ": line 1: missing column dose");

        // a data folder other accounts could read is closed to them, and said so once
        java.nio.file.Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        OfukuProcess closing = OfukuProcess.run(data, "status");
        assertThat(closing.stderr()).contains("ofuku: the data folder " + data + " was open to every account on this machine");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwxr-x---");
        assertThat(OfukuProcess.run(data, "status").stderr()).doesNotContain("data folder");

        // import all: the files before the refused one are loaded, the ones after it not tried
        Path folder = Files.createDirectories(data.resolve("registry"));
        Files.copy(districts, folder.resolve("districts.csv"));
        Files.copy(bad, folder.resolve("sessions.csv"));
        Files.writeString(folder.resolve("residents.csv"), "resident_id\n");
        OfukuProcess all = OfukuProcess.run(data, "import", "all", folder.toString());
        assertThat(all.exitCode()).isEqualTo(1);
        assertThat(all.stdout()).contains("Not in " + folder + " (left as they are): sites.csv")
                .contains("Imported districts from " + folder.resolve("districts.csv"))
                .contains("NOT IMPORTED (they may need what sessions.csv holds): residents.csv");
        assertThat(all.stderr().strip().lines()).hasSize(1).first().asString()
                .startsWith("ofuku: import sessions " + folder.resolve("sessions.csv") + ": line 1: missing column dose");
        assertThat(jp.ofuku.support.RepliedTown.count(data, "SELECT count(*) FROM districts")).isPositive();
    }
}
