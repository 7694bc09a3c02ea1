package jp.ofuku.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;

import jp.ofuku.support.DatabaseTest;

/**
 * Abandoned runs and the status report: a run left "running" by a process that ended is marked
 * failed by the next command, one whose process is alive (it holds its run's lock) is left
 * alone; the status report counts the town and lists the runs, newest first.
 */
class StaleRunsTest extends DatabaseTest {

    @Autowired
    StaleRuns staleRuns;
    @Autowired
    RunOwnership ownership;
    @Autowired
    JobRepository repository;
    @Autowired
    StatusReport status;

    @TempDir
    Path dir;

    private String statusOf(long execution) {
        return jdbc.queryForObject("SELECT status FROM batch_job_execution WHERE job_execution_id = ?", String.class, execution);
    }

    /** As a process killed in the middle of the run leaves it: started (before this process was), never ended. */
    private void leftRunning(long execution) {
        jdbc.update("UPDATE batch_job_execution SET status = 'STARTED', end_time = NULL, create_time = create_time - interval '1 day'"
                + " WHERE job_execution_id = ?", execution);
    }

    @Test
    void aRunWhoseProcessEndedIsMarkedFailedAndALiveOneIsLeftAlone() throws Exception {
        town(dir).residents("S", "状態　%d", "ジョウタイ", "active", "active", "deceased");
        java.util.List<Long> imports = jdbc.queryForList("""
                SELECT e.job_execution_id FROM batch_job_execution e JOIN batch_job_instance i USING (job_instance_id)
                WHERE i.job_name LIKE 'import-%' ORDER BY e.job_execution_id DESC LIMIT 2""", Long.class);
        long dead = imports.get(0);
        long alive = imports.get(1);
        leftRunning(dead);
        leftRunning(alive);
        JobExecution living = repository.getJobExecution(alive);
        ownership.beforeJob(living); // its process holds the run's lock: it is alive, only slow
        try {
            assertThat(staleRuns.sweep()).containsExactly(dead);
            assertThat(statusOf(dead)).isEqualTo("FAILED");
            assertThat(jdbc.queryForObject("SELECT exit_message FROM batch_job_execution WHERE job_execution_id = ?", String.class, dead))
                    .startsWith("abandoned");
            assertThat(statusOf(alive)).isEqualTo("STARTED");
        } finally {
            ownership.afterJob(living);
        }
        assertThat(staleRuns.sweep()).as("its process gone too").containsExactly(alive);
        assertThat(staleRuns.sweep()).as("nothing twice").isEmpty();

        StatusReport.Status now = status.read(3);
        assertThat(now.counts()).containsEntry("residents", 3L).containsEntry("residents.active", 2L)
                .containsEntry("residents.deceased", 1L);
        assertThat(now.runs()).hasSize(3).extracting(StatusReport.Run::executionId).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(now.runs()).extracting(StatusReport.Run::status).contains("FAILED");
    }

    @Test
    void aRunThisProcessHasCreatedButNotYetTakenTheLockOfIsItsOwnNotAbandoned() {
        // the moment between the job repository creating a run and the run taking its lock
        var parameters = RunControl.newRun(new org.springframework.batch.core.job.parameters.JobParametersBuilder()
                .addString("test", "stale-runs"));
        var instance = repository.createJobInstance("stale-runs-test", parameters);
        JobExecution starting = repository.createJobExecution(instance, parameters,
                new org.springframework.batch.infrastructure.item.ExecutionContext());
        starting.setStatus(org.springframework.batch.core.BatchStatus.STARTED);
        repository.update(starting);

        assertThat(staleRuns.sweep()).doesNotContain(starting.getId());
        assertThat(statusOf(starting.getId())).isEqualTo("STARTED");

        leftRunning(starting.getId()); // as if made by a process that started before this one, and ended
        assertThat(staleRuns.sweep()).contains(starting.getId());
        assertThat(statusOf(starting.getId())).isEqualTo("FAILED");
    }
}
