package jp.ofuku.ops;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/** What came of a job run: its id, whether it completed, the first failure, and the counts it kept in its execution context. */
public record JobOutcome(long executionId, boolean completed, String failure, Map<String, Long> counts) {

    /** What Spring Batch says when a partition of a step failed. */
    private static final String PARTITION_FAILED = "Partition handler returned an unsuccessful step";

    public static JobOutcome of(JobExecution execution) {
        Map<String, Long> counts = new TreeMap<>();
        execution.getExecutionContext().entrySet().stream().filter(e -> e.getValue() instanceof Number)
                .forEach(e -> counts.put(e.getKey(), ((Number) e.getValue()).longValue()));
        return new JobOutcome(execution.getId(), execution.getStatus() == BatchStatus.COMPLETED, failureOf(execution), counts);
    }

    /** The run's first failure, as the operator should read it: a partition's own, rather than its manager's "one of them failed". */
    public static String failureOf(JobExecution execution) {
        return execution.getAllFailureExceptions().stream()
                .sorted(java.util.Comparator.comparing((Throwable t) -> String.valueOf(t.getMessage()).startsWith(PARTITION_FAILED)))
                .findFirst().map(Throwable::getMessage).orElse("");
    }
}
