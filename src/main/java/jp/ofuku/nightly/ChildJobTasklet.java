package jp.ofuku.nightly;

import java.util.List;
import java.util.function.Function;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import jp.ofuku.ops.JobOutcome;

/**
 * One stage of the nightly run: runs a job of its own (read, allocate, confirm, new dates),
 * identified by the nightly and its business date, so that it shows in the job list like any run and keeps
 * its own counts. Run again after a crash, a stage whose job already completed for that date
 * is not repeated, and one that failed or stopped is restarted where it stopped. The job's
 * counts are copied into the nightly run under the stage's name ("allocate.booked").
 */
final class ChildJobTasklet implements Tasklet {

    /** Identify every job run by the nightly: its business date, and the nightly it belongs to. */
    static final String BUSINESS_DATE = "nightly.date";
    static final String NIGHTLY = "nightly.instance";

    /** How many jobs a stage ran ("invite.jobs": one per open wave), kept with the stage's counts. */
    static final String JOBS = "jobs";

    private final String stage;
    private final JobOperator operator;
    private final JobRepository repository;
    private final Function<ChunkContext, List<ChildRun>> runs;

    /** A job and its parameters, not yet identified by the business date. */
    record ChildRun(Job job, JobParametersBuilder parameters) {
    }

    ChildJobTasklet(String stage, JobOperator operator, JobRepository repository, Function<ChunkContext, List<ChildRun>> runs) {
        this.stage = stage;
        this.operator = operator;
        this.repository = repository;
        this.runs = runs;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) throws Exception {
        JobExecution nightly = chunk.getStepContext().getStepExecution().getJobExecution();
        java.time.LocalDate date = nightly.getJobParameters().getLocalDate(Nightly.DATE);
        java.util.Map<String, Long> totals = new java.util.TreeMap<>();
        List<String> ids = new java.util.ArrayList<>();
        try {
            for (ChildRun run : runs.apply(chunk)) {
                JobParameters parameters = run.parameters().addLocalDate(BUSINESS_DATE, date)
                        .addLong(NIGHTLY, nightly.getJobInstance().getInstanceId()).toJobParameters();
                JobExecution last = repository.getLastJobExecution(run.job().getName(), parameters);
                JobExecution done = last != null && last.getStatus() == BatchStatus.COMPLETED
                        ? last // finished before the nightly itself was stopped or killed
                        : start(run.job(), parameters); // a new run, or the failed or stopped one carried on
                ids.add(Long.toString(done.getId()));
                JobOutcome outcome = JobOutcome.of(done);
                outcome.counts().forEach((key, n) -> totals.merge(key, n, Long::sum));
                if (done.getStatus() == BatchStatus.STOPPED) {
                    // asked to stop (stop RUN, or the process ending): the nightly stops here too, to be carried on later
                    chunk.getStepContext().getStepExecution().setTerminateOnly();
                    return RepeatStatus.FINISHED;
                }
                if (!outcome.completed()) {
                    throw new IllegalStateException(stage + " (run " + done.getId() + ") did not complete"
                            + (outcome.failure().isEmpty() ? " (" + done.getStatus() + ")" : ": " + outcome.failure()));
                }
            }
        } finally {
            // what every run of this stage did, counted afresh each time the stage is run
            var context = nightly.getExecutionContext();
            totals.forEach((key, n) -> context.putLong(stage + "." + key, n));
            context.putString(stage + ".runs", String.join(",", ids));
            context.putLong(stage + "." + JOBS, ids.size());
        }
        return RepeatStatus.FINISHED;
    }

    /**
     * Runs the job on a thread of its own, as if started from the command line: a job is never
     * started inside another's transaction.
     */
    private JobExecution start(Job job, JobParameters parameters) throws Exception {
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor(
                r -> new Thread(r, "nightly-" + stage));
        try {
            return thread.submit(() -> operator.start(job, parameters)).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            thread.shutdown();
        }
    }
}
