package jp.ofuku.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Service;

import jp.ofuku.ops.StaleRuns;

/** Runs an import job for a file and turns its execution into a report an operator can act on. */
@Service
public class RegistryImport {

    private static final Logger log = LoggerFactory.getLogger(RegistryImport.class);

    private final RegistryImportJobs.ImportJobs jobs;
    private final JobOperator operator;
    private final StaleRuns staleRuns;

    public RegistryImport(RegistryImportJobs.ImportJobs jobs, JobOperator operator, StaleRuns staleRuns) {
        this.jobs = jobs;
        this.operator = operator;
        this.staleRuns = staleRuns;
    }

    public List<String> kinds() {
        return jobs.kinds().keySet().stream().sorted().toList();
    }

    public ImportReport run(String kind, Path file, String encoding, boolean skipBadRows) throws Exception {
        return run(kind, file, encoding, skipBadRows, false);
    }

    /**
     * Imports the file; with {@code moveSurplus}, a sessions file that lowers a capacity below the
     * places booked moves the bookings made last there as a cancelled session's are moved,
     * instead of being refused.
     */
    public ImportReport run(String kind, Path file, String encoding, boolean skipBadRows, boolean moveSurplus) throws Exception {
        Job job = jobs.jobs().get(kind);
        if (job == null) {
            throw new ImportRefusedException("unknown registry '" + kind + "'; use one of " + String.join(", ", kinds()));
        }
        if (!Files.isRegularFile(file)) {
            throw new ImportRefusedException(file + " is not a readable file");
        }
        staleRuns.sweep();
        JobExecution execution = operator.start(job, ImportRun.parameters(file, encoding, skipBadRows, moveSurplus));
        ImportReport report = ImportReport.of(kind, file, execution);
        log.info("import {} execution {}: {}", kind, execution.getId(), report.outcome());
        return report;
    }

    /** What an import did, read back from its execution. */
    public record ImportReport(String kind, Path file, long executionId, boolean loaded, String outcome, String encoding,
            long rows, long inserted, long updated, long unchanged, String statusChanges, long problemRows,
            Optional<String> rejectFile, String problemSample, long warnings, String warningSample,
            Map<String, Duration> stepTimes, List<String> surplusMoved) {

        static ImportReport of(String kind, Path file, JobExecution execution) {
            ExecutionContext c = execution.getExecutionContext();
            boolean loaded = execution.getStatus() == BatchStatus.COMPLETED;
            String outcome = loaded ? "loaded" : failureMessage(execution);
            return new ImportReport(kind, file, execution.getId(), loaded, outcome,
                    c.getString(ImportRun.ENCODING_USED, "?"), c.getLong(ImportRun.ROWS, 0),
                    c.getLong(ImportRun.INSERTED, 0), c.getLong(ImportRun.UPDATED, 0), c.getLong(ImportRun.UNCHANGED, 0),
                    c.getString(ImportRun.STATUS_CHANGES, ""), c.getLong(ImportRun.PROBLEM_ROWS, 0),
                    Optional.ofNullable(c.containsKey(ImportRun.REJECT_FILE) ? c.getString(ImportRun.REJECT_FILE) : null),
                    c.getString(ImportRun.PROBLEM_SAMPLE, ""), c.getLong(ImportRun.WARNINGS, 0),
                    c.getString(ImportRun.WARNING_SAMPLE, ""), stepTimes(execution),
                    c.getString(ImportRun.SURPLUS_MOVED, "").lines().toList());
        }

        private static Map<String, Duration> stepTimes(JobExecution execution) {
            Map<String, Duration> times = new LinkedHashMap<>();
            for (StepExecution step : execution.getStepExecutions()) {
                if (step.getStartTime() != null && step.getEndTime() != null) {
                    String name = step.getStepName();
                    times.put(name.substring(name.lastIndexOf('.') + 1), Duration.between(step.getStartTime(), step.getEndTime()));
                }
            }
            return times;
        }

        private static String failureMessage(JobExecution execution) {
            for (Throwable t : execution.getAllFailureExceptions()) {
                for (Throwable c = t; c != null; c = c.getCause()) {
                    if (c instanceof ImportRefusedException || c instanceof ImportRejectedException) {
                        return c.getMessage();
                    }
                }
            }
            return execution.getAllFailureExceptions().stream().findFirst()
                    .map(t -> "failed: " + t).orElse("ended " + execution.getStatus());
        }
    }
}
