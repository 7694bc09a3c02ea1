package jp.ofuku.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.annotation.Autowired;

import jp.ofuku.support.DatabaseTest;

/**
 * What a worker does with a request, whatever the broker delivers: a partition that has ended
 * is not run again, one a live worker holds (its advisory lock taken) is left to it, a request
 * for a partition that is not there or a step this version lacks is dropped; and a partition
 * held by a live worker is not marked failed when its manager is found dead.
 */
class PartitionWorkerTest extends DatabaseTest {

    @Autowired
    PartitionWorker worker;
    @Autowired
    JobRepository repository;
    @Autowired
    DataSource dataSource;
    @Autowired
    StaleRuns staleRuns;

    @Test
    void aRequestIsRunOnlyForAPartitionThatHasNotEndedAndThatNoLiveWorkerHolds() throws Exception {
        StepExecution ended = partition("invite.print.file:partition0", BatchStatus.COMPLETED);
        assertThat(worker.handle(new StepExecutionRequest("invite.print.file", ended.getId()))).isEqualTo(PartitionWorker.Outcome.ALREADY_ENDED);

        StepExecution held = partition("invite.print.file:partition1", BatchStatus.STARTED);
        try (Connection other = dataSource.getConnection()) {
            lock(other, held.getId());
            assertThat(worker.handle(new StepExecutionRequest("invite.print.file", held.getId())))
                    .as("a duplicate of a request a live worker runs").isEqualTo(PartitionWorker.Outcome.HELD_BY_ANOTHER);

            // its manager died: the run is marked failed, the partition its worker still runs is left to it
            assertThat(staleRuns.sweep()).contains(held.getJobExecutionId());
            assertThat(repository.getStepExecution(held.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);
        }
        assertThat(worker.handle(new StepExecutionRequest("no.such.step", held.getId()))).isEqualTo(PartitionWorker.Outcome.UNKNOWN);
        assertThat(worker.handle(new StepExecutionRequest("invite.print.file", 987_654_321L))).isEqualTo(PartitionWorker.Outcome.UNKNOWN);
    }

    private StepExecution partition(String name, BatchStatus status) {
        var parameters = RunControl.newRun(new JobParametersBuilder().addString("test", "partition-worker"));
        JobInstance instance = repository.createJobInstance("partition-worker-test", parameters);
        JobExecution job = repository.createJobExecution(instance, parameters, new ExecutionContext());
        job.setStatus(BatchStatus.STARTED);
        repository.update(job);
        // created by a manager process that started before this one
        jdbc.update("UPDATE batch_job_execution SET create_time = create_time - interval '1 day' WHERE job_execution_id = ?", job.getId());
        StepExecution step = repository.createStepExecution(name, job);
        step.setStatus(status);
        repository.update(step);
        return step;
    }

    private static void lock(Connection connection, long stepExecutionId) throws Exception {
        Advisory.PARTITION.lock(connection, stepExecutionId);
    }
}
