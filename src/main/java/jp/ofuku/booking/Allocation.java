package jp.ofuku.booking;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

import jp.ofuku.ops.StaleRuns;

/** Runs the allocate job and says what came of it. */
@Service
public class Allocation {

    private final JobOperator operator;
    private final Job allocateJob;
    private final StaleRuns staleRuns;

    private final Job confirmJob;

    public Allocation(JobOperator operator, @Qualifier("allocateJob") Job allocateJob, @Qualifier("confirmJob") Job confirmJob,
            StaleRuns staleRuns) {
        this.operator = operator;
        this.allocateJob = allocateJob;
        this.confirmJob = confirmJob;
        this.staleRuns = staleRuns;
    }

    /** Writes a confirmation letter for every resident booked and not yet written to, into print files in {@code out}. */
    public Outcome confirm(java.nio.file.Path out) throws Exception {
        staleRuns.sweep();
        JobExecution execution = operator.start(confirmJob, new JobParametersBuilder()
                .addString(ConfirmTasklet.OUT, out.toAbsolutePath().normalize().toString(), false)
                .addString("run", java.util.UUID.randomUUID().toString()).toJobParameters());
        return outcome(execution);
    }

    public Outcome run() throws Exception {
        staleRuns.sweep();
        JobExecution execution = operator.start(allocateJob, new JobParametersBuilder()
                .addString("run", java.util.UUID.randomUUID().toString()).toJobParameters()); // unique even for two allocators started in the same millisecond
        return outcome(execution);
    }

    private static Outcome outcome(JobExecution execution) {
        Map<String, Long> counts = new TreeMap<>();
        execution.getExecutionContext().entrySet().stream().filter(e -> e.getValue() instanceof Number)
                .forEach(e -> counts.put(e.getKey(), ((Number) e.getValue()).longValue()));
        String failure = execution.getAllFailureExceptions().stream().findFirst().map(Throwable::getMessage).orElse("");
        return new Outcome(execution.getId(), execution.getStatus() == BatchStatus.COMPLETED, failure, counts);
    }

    public record Outcome(long executionId, boolean completed, String failure, Map<String, Long> counts) {
    }
}
