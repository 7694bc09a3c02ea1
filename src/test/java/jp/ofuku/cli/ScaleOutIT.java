package jp.ofuku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jp.ofuku.registry.SyntheticRegistry;
import jp.ofuku.support.OfukuProcess;

/**
 * Beyond one machine: a manager and two worker JVMs sharing a PostgreSQL server and a RabbitMQ
 * broker (Debian's, started by scripts/broker on a port of its own). A worker killed with SIGKILL
 * in the middle of a print file, a manager killed and carried on, the broker stopped and started
 * during a run: every letter exactly once, every print file checked and in place, no partition
 * that completed run again.
 */
class ScaleOutIT {

    static final int RESIDENTS = 5_000;
    static final String BROKER_PORT = "5679";

    @TempDir
    static Path files;

    static EmbeddedPostgres server;
    static Map<String, String> env;
    static Path shared;
    final List<OfukuProcess> workers = new ArrayList<>();

    @BeforeAll
    static void serverBrokerAndTown() throws Exception {
        server = EmbeddedPostgres.builder().setDataDirectory(files.resolve("server")).setCleanDataDirectory(true).start();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE ofuku");
        }
        String broker = broker("start").strip();
        assertThat(broker).startsWith("amqp://");
        env = Map.of("OFUKU_DB_URL", "jdbc:postgresql://localhost:" + server.getPort() + "/ofuku",
                "OFUKU_DB_USER", "postgres", "OFUKU_DB_PASSWORD", "",
                "OFUKU_BROKER_URL", broker,
                "OFUKU_LETTERS_FORM_KEY", "a-test-key-of-more-than-32-characters-for-every-process");
        shared = files.resolve("shared");
        SyntheticRegistry town = new SyntheticRegistry(29, LocalDate.now());
        town.writeDistricts(files.resolve("districts.csv"));
        town.writeSites(files.resolve("sites.csv"));
        // room for every wave these tests print, whatever their order (the three of the whole town and two smaller ones)
        town.writeSessions(files.resolve("sessions.csv"), LocalDate.now().plusDays(14), 10, 14);
        town.writeResidents(files.resolve("residents.csv"), RESIDENTS, StandardCharsets.UTF_8);
        OfukuProcess p = OfukuProcess.start(shared, env, "import", "all", files.toString());
        assertThat(p.waitFor()).as(p.stderr()).isZero();
    }

    @AfterAll
    static void stopServerAndBroker() throws Exception {
        broker("stop");
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void stopWorkers() throws Exception {
        for (OfukuProcess w : workers) {
            if (w.isAlive()) {
                w.kill9();
            }
        }
        workers.clear();
    }

    @Test
    void aWorkerKilledInTheMiddleOfAPrintFileLosesNothingAndPrintsNothingTwice() throws Exception {
        OfukuProcess doomed = worker();
        OfukuProcess survivor = worker();
        Path out = files.resolve("print-killed-worker");
        OfukuProcess manager = OfukuProcess.start(shared, env, "invite", "--wave", "scale", "--cohort", "all", "--out", out.toString());

        // the doomed worker has begun a partition and a first file is done somewhere: it is writing a file now
        boolean working = manager.awaitWhileRunning(Duration.ofMinutes(4),
                () -> doomed.stderr().contains("running partition") && count("SELECT count(*) FROM print_files WHERE status = 'done'") >= 1);
        assertThat(working).as("the doomed worker ran a partition; manager: %s; worker: %s", manager.stderr(), doomed.stderr()).isTrue();
        String killedPartition = lastPartition(doomed.stderr());
        doomed.kill9();

        assertThat(manager.waitFor()).as(manager.stderr() + manager.stdout()).isZero();
        assertThat(survivor.stderr()).as("the partition of the killed worker was delivered again and carried on by the other")
                .contains("running partition " + killedPartition + " ");
        assertEveryLetterOnce(out, "scale");
        assertThat(count("SELECT count(*) FROM invitations WHERE wave = 'scale' AND status = 'printed'")).isGreaterThan(RESIDENTS / 2);
        assertThat(count("SELECT count(*) FROM batch_step_execution WHERE step_name LIKE 'invite.print.file:%' AND status <> 'COMPLETED'"))
                .isZero();
    }

    @Test
    void aManagerKilledAndCarriedOnRunsNoCompletedPartitionAgain() throws Exception {
        worker();
        worker();
        Path out = files.resolve("print-killed-manager");
        String[] invite = {"invite", "--wave", "manager", "--cohort", "all", "--out", out.toString()};
        long before = count("SELECT coalesce(max(job_execution_id), 0) FROM batch_job_execution");
        OfukuProcess doomed = OfukuProcess.start(shared, env, invite);
        String partitionsDone = "SELECT count(*) FROM batch_step_execution WHERE step_name LIKE 'invite.print.file:%'"
                + " AND status = 'COMPLETED' AND job_execution_id = (SELECT max(job_execution_id) FROM batch_job_execution"
                + " WHERE job_execution_id > " + before + ")";
        boolean partitionDone = doomed.awaitWhileRunning(Duration.ofMinutes(4), () -> count(partitionsDone) >= 1);
        assertThat(partitionDone).as(doomed.stderr()).isTrue();
        doomed.kill9();
        long execution = count("SELECT max(job_execution_id) FROM batch_job_execution WHERE job_execution_id > " + before);
        assertThat(count("SELECT count(*) FROM batch_job_execution WHERE job_execution_id = " + execution + " AND status = 'STARTED'"))
                .as("the manager was killed while its run was under way").isEqualTo(1);
        // on a shared server a run is judged abandoned only after a grace (5 minutes unless set); the workers go on meanwhile
        Thread.sleep(6_000);
        Map<String, String> soon = new java.util.HashMap<>(env);
        soon.put("OFUKU_STALE_GRACE", "5s");
        OfukuProcess early = OfukuProcess.start(shared, soon, "restart", Long.toString(execution));
        if (early.waitFor() != 0) {
            // refused while workers still run its partitions: carried on once they have ended
            assertThat(early.stderr()).contains("partitions are still being run by workers");
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while (count("SELECT count(*) FROM batch_step_execution WHERE job_execution_id = " + execution
                    + " AND step_name LIKE 'invite.print.file:%' AND status IN ('STARTING', 'STARTED')") > 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
        }
        OfukuProcess carried = early.exitCode() == 0 ? early : OfukuProcess.start(shared, soon, "restart", Long.toString(execution));
        assertThat(carried.waitFor()).as(carried.stderr() + carried.stdout()).isZero();

        assertEveryLetterOnce(out, "manager");
        assertThat(count("""
                SELECT count(*) FROM (SELECT s.step_name FROM batch_step_execution s JOIN batch_job_execution j USING (job_execution_id)
                WHERE s.step_name LIKE 'invite.print.file:%' AND s.status = 'COMPLETED'
                  AND j.job_instance_id = (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = """ + execution + """
                ) GROUP BY s.step_name HAVING count(*) > 1) twice"""))
                .as("no partition completed twice").isZero();
    }

    @Test
    void theBrokerStoppedAndStartedDuringARunLosesNothing() throws Exception {
        worker();
        worker();
        Path out = files.resolve("print-broker-restart");
        OfukuProcess manager = OfukuProcess.start(shared, env, "invite", "--wave", "broker", "--cohort", "all", "--out", out.toString());
        boolean printing = manager.awaitWhileRunning(Duration.ofMinutes(4),
                () -> count("SELECT count(*) FROM print_files WHERE wave = 'broker' AND status = 'done'") >= 1);
        assertThat(printing).as(manager.stderr()).isTrue();
        broker("stop");
        Thread.sleep(3_000);
        broker("start");
        assertThat(manager.waitFor()).as(manager.stderr() + manager.stdout()).isZero();
        assertEveryLetterOnce(out, "broker");
    }

    @Test
    void aWorkerAskedToStopEndsThePartitionsItHoldsFirst() throws Exception {
        OfukuProcess stopping = worker();
        OfukuProcess other = worker();
        Path out = files.resolve("print-stopped-worker");
        OfukuProcess manager = OfukuProcess.start(shared, env, "invite", "--wave", "stop", "--cohort", "age 50..", "--out",
                out.toString());
        boolean working = manager.awaitWhileRunning(Duration.ofMinutes(4), () -> stopping.stderr().contains("running partition"));
        assertThat(working).as(manager.stderr()).isTrue();
        String held = lastPartition(stopping.stderr());
        // 143: the status of a JVM ended by SIGTERM, once its shutdown (waiting for the partitions) is done
        assertThat(stopping.term()).as("ended by SIGTERM: %s", stopping.stderr()).isIn(0, 143);
        assertThat(stopping.stderr()).contains("asked to stop").contains("partition " + held + " (invite.print.file")
                .contains("stopped after");
        assertThat(count("SELECT count(*) FROM batch_step_execution WHERE step_execution_id = " + held + " AND status = 'COMPLETED'"))
                .as("the partition it held was ended by it, not abandoned").isEqualTo(1);
        assertThat(manager.waitFor()).as(manager.stderr() + manager.stdout()).isZero();
        assertEveryLetterOnce(out, "stop");
        assertThat(other.isAlive()).isTrue();
    }

    @Test
    void repliesReadByTwoWorkersOneKilledAreEachRecordedAndArchivedOnceAndReadAsMarked() throws Exception {
        OfukuProcess doomed = worker();
        OfukuProcess survivor = worker();
        Path print = files.resolve("print-replies");
        OfukuProcess invite = OfukuProcess.start(shared, env, "invite", "--wave", "replies", "--cohort", "district D01, D02, D03",
                "--out", print.toString());
        assertThat(invite.waitFor()).as(invite.stderr()).isZero();
        Path inbox = files.resolve("inbox");
        int sent = new jp.ofuku.scan.ReplySimulator(5).replies(jp.ofuku.letters.PrintFile.pdf(print, "replies-0001"),
                jp.ofuku.letters.PrintFile.manifest(print, "replies-0001"), inbox, 0.5);
        Path truthFile = files.resolve("replies-truth.csv");
        Files.move(inbox.resolve("truth.csv.txt"), truthFile);
        // the same fax arrives twice: its bytes are recorded once
        Path first;
        try (Stream<Path> list = Files.list(inbox)) {
            first = list.sorted().findFirst().orElseThrow();
        }
        Files.copy(first, inbox.resolve("zz-again-" + first.getFileName()));
        long inboxFiles;
        try (Stream<Path> list = Files.list(inbox)) {
            inboxFiles = list.count();
        }
        assertThat(sent).isGreaterThan(200);

        OfukuProcess manager = OfukuProcess.start(shared, env, "read", inbox.toString());
        boolean reading = manager.awaitWhileRunning(Duration.ofMinutes(4),
                () -> doomed.stderr().contains("running partition") && count("SELECT count(*) FROM received_files") >= 30);
        assertThat(reading).as(manager.stderr()).isTrue();
        String killedPartition = lastPartition(doomed.stderr());
        doomed.kill9();
        // 4: a page went to a person (light pencil does, as decided); the count below holds each of them
        assertThat(manager.waitFor()).as(manager.stderr() + manager.stdout()).isIn(0, OfukuCommand.EXIT_INCOMPLETE);
        assertThat(survivor.stderr()).contains("running partition " + killedPartition + " ");

        try (Stream<Path> left = Files.list(inbox)) {
            assertThat(left).as("every file read and moved out of the inbox").isEmpty();
        }
        assertThat(count("SELECT count(*) FROM received_files")).as("each file once; the copy of the same bytes not again")
                .isEqualTo(inboxFiles - 1);
        try (Stream<Path> kept = Files.walk(shared.resolve("archive"))) {
            assertThat(kept.filter(Files::isRegularFile).count()).as("every original archived once").isEqualTo(inboxFiles - 1);
        }
        // a page for a person is a review item (and, its form known, a reply row 'review' that waits with it): counted once
        assertThat(count("SELECT count(*) FROM replies r JOIN invitations i USING (form_code) WHERE i.wave = 'replies'"
                + " AND r.status <> 'review'") + count("SELECT count(*) FROM review_items WHERE resolved_at IS NULL")).isEqualTo(sent);
        Map<String, String> read = new java.util.HashMap<>();
        try (Connection c = server.getDatabase("postgres", "ofuku").getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT form_code, array_to_string(marked_options, ';') FROM replies WHERE status = 'accepted'")) {
            while (rs.next()) {
                read.put(rs.getString(1), rs.getString(2));
            }
        }
        int compared = 0;
        try (Reader r = Files.newBufferedReader(truthFile)) {
            for (CSVRecord t : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                String got = read.get(t.get("form_code"));
                if (got != null) {
                    assertThat(got).as("form " + t.get("form_code")).isEqualTo(t.get("marked_options"));
                    compared++;
                }
            }
        }
        assertThat(compared).as("replies accepted without a person, each as marked").isGreaterThan(sent * 9 / 10);
    }

    private OfukuProcess worker() throws Exception {
        OfukuProcess w = OfukuProcess.start(shared, env, "worker");
        workers.add(w);
        boolean ready = w.awaitWhileRunning(Duration.ofMinutes(2), () -> w.stderr().contains("waiting for partitions"));
        assertThat(ready).as(w.stderr()).isTrue();
        return w;
    }

    /** Every invitation of the wave printed exactly once across its print files; every file done and in place. */
    private void assertEveryLetterOnce(Path out, String wave) throws Exception {
        List<String> printed = new ArrayList<>();
        try (Stream<Path> list = Files.list(out)) {
            for (Path f : list.sorted().toList()) {
                String name = f.getFileName().toString();
                assertThat(name).as("no file left under a temporary name").doesNotEndWith(".part");
                if (name.endsWith(".csv") && name.startsWith(wave + "-") && !name.contains("report")) {
                    try (Reader r = Files.newBufferedReader(f)) {
                        for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                            printed.add(row.get("form_code"));
                        }
                    }
                }
            }
        }
        assertThat(printed).doesNotHaveDuplicates()
                .hasSize((int) count("SELECT count(*) FROM invitations WHERE wave = '" + wave + "' AND status = 'printed'"));
        assertThat(count("SELECT count(*) FROM invitations WHERE wave = '" + wave + "' AND status = 'planned'")).isZero();
        assertThat(count("SELECT count(*) FROM print_files WHERE wave = '" + wave + "' AND status <> 'done'")).isZero();
        assertThat(printed).hasSizeGreaterThan(1_000);
    }

    private static String lastPartition(String stderr) {
        Matcher m = Pattern.compile("running partition (\\d+) ").matcher(stderr);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    private static long count(String sql) {
        try (Connection c = server.getDatabase("postgres", "ofuku").getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (java.sql.SQLException notYet) {
            return 0;
        }
    }

    /** scripts/broker, on this test's own port and folder; returns what it printed. */
    private static String broker(String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("scripts/broker", command).redirectErrorStream(false);
        builder.environment().put("OFUKU_BROKER_PORT", BROKER_PORT);
        builder.environment().put("OFUKU_BROKER_DIR", files.resolve("rabbitmq").toString());
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("scripts/broker %s: %s %s", command, output, errors).isZero();
        return output;
    }
}
