package jp.ofuku.invite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import jp.ofuku.letters.LetterSetup;
import jp.ofuku.ops.JobOutcome;
import jp.ofuku.ops.RunControl;
import jp.ofuku.support.DatabaseTest;

/**
 * The print step partitioned: files reserved first, then written by two partitions, each
 * claiming one file of its range at a time. A partition that fails is the only one a restart
 * runs again; every letter is in exactly one print file; the counts of the run are the sum of
 * the partitions', counted once.
 */
class PrintPartitionsTest extends DatabaseTest {

    @Autowired
    Invitations invitations;
    @Autowired
    RunControl runs;
    @Autowired
    LetterSetup letters;
    @Autowired
    org.springframework.batch.core.repository.JobRepository repository;

    @TempDir
    Path dir;

    @AfterEach
    void mend() {
        letters.damageAfterRender(pdf -> { });
    }

    @Test
    void aFailedPartitionAloneIsRunAgainAndEveryLetterIsPrintedOnce() throws Exception {
        int residents = 3_400;
        town(dir).seed(7).active("P", "住民　%d", "ジュウミン", residents);
        // the last file fails once, after it is rendered: its partition fails, the other completes
        AtomicBoolean failed = new AtomicBoolean();
        letters.damageAfterRender(pdf -> {
            if (pdf.getFileName().toString().contains("w-0004") && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("the disk filled up (a test)");
            }
        });
        Invitations.Outcome first = invitations.run(invitations.cohort("w", "all"), dir.resolve("print"));
        assertThat(first.completed()).isFalse();
        assertThat(failed).isTrue();
        assertThat(partitionRuns(first.executionId(), "invite.print.file:partition0")).as("the partition that completed").isEqualTo(1);
        assertThat(partitionRuns(first.executionId(), "invite.print.file:partition1")).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT name FROM print_files WHERE status = 'writing'", String.class)).containsExactly("w-0004");

        JobOutcome carried = runs.restart(first.executionId());
        assertThat(carried.completed()).as(carried.failure()).isTrue();
        assertThat(partitionRuns(carried.executionId(), "invite.print.file:partition0")).as("a completed partition is never run again").isZero();
        assertThat(partitionRuns(carried.executionId(), "invite.print.file:partition1")).isEqualTo(1);

        // every letter in exactly one print file, every file done and in place, nothing left under a temporary name
        List<String> inManifests = new ArrayList<>();
        try (var files = Files.list(dir.resolve("print"))) {
            for (Path f : files.sorted().toList()) {
                assertThat(f.getFileName().toString()).doesNotEndWith(".part");
                if (f.toString().endsWith(".csv") && !f.getFileName().toString().contains("report")) {
                    for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                            .parse(Files.newBufferedReader(f))) {
                        inManifests.add(row.get("resident_id"));
                    }
                }
            }
        }
        assertThat(inManifests).hasSize(residents).doesNotHaveDuplicates();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM print_files WHERE status = 'done'", Integer.class)).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM invitations WHERE status = 'printed'", Integer.class)).isEqualTo(residents);

        // the run's counts: both partitions' summed, the file written twice counted once
        Invitations.Outcome outcome = invitations.outcome(repository.getJobExecution(carried.executionId()));
        assertThat(outcome.printed()).isEqualTo(residents);
        assertThat(outcome.files()).isEqualTo(4);
    }

    private int partitionRuns(long execution, String stepName) {
        return jdbc.queryForObject("SELECT count(*) FROM batch_step_execution WHERE job_execution_id = ? AND step_name = ?",
                Integer.class, execution, stepName);
    }
}
