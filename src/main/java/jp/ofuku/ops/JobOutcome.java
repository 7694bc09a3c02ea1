package jp.ofuku.ops;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/** What came of a job run: its id, whether it completed, the first failure, and the counts it kept in its execution context. */
public record JobOutcome(long executionId, boolean completed, String failure, Map<String, Long> counts) {

    public static JobOutcome of(JobExecution execution) {
        Map<String, Long> counts = new TreeMap<>();
        execution.getExecutionContext().entrySet().stream().filter(e -> e.getValue() instanceof Number)
                .forEach(e -> counts.put(e.getKey(), ((Number) e.getValue()).longValue()));
        String failure = execution.getAllFailureExceptions().stream().findFirst().map(Throwable::getMessage).orElse("");
        return new JobOutcome(execution.getId(), execution.getStatus() == BatchStatus.COMPLETED, failure, counts);
    }
}
