package jp.ofuku.ops;

import java.sql.Connection;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Run control, in one place: what makes a run new (its identity), finding any run, carrying on a
 * failed or stopped one where it stopped, asking a running one to stop, and the lock that keeps
 * the nightly and a backup from running at once, and where a run's report is. What is
 * particular to the runs of some jobs (the nightly holds its lock and writes its report when
 * carried on; its stages' runs are reported in its report) is their {@link RunKind}.
 */
@Service
public class RunControl {

    /** The parameter that makes each start of a job a run of its own. */
    public static final String RUN = "run";

    /** What is particular to some runs: how they are carried on, where their report is. The first that handles a run is its own. */
    public interface RunKind {
        /** Whether the run is of this kind. */
        boolean handles(JobExecution run);

        /** Carries the run on, {@code restart} doing the restart itself. */
        default JobOutcome carryOn(JobExecution run, Work<JobOutcome> restart) throws Exception {
            return restart.run();
        }

        /** The run's report (HTML, the PDF beside it), when one was written. */
        java.util.Optional<java.nio.file.Path> report(JobExecution run);
    }

    @FunctionalInterface
    public interface Work<T> {
        T run() throws Exception;
    }

    private final JobOperator operator;
    private final JobRepository repository;
    private final StaleRuns staleRuns;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final ObjectProvider<Job> jobs;
    private final ObjectProvider<RunKind> kinds;

    public RunControl(JobOperator operator, JobRepository repository, StaleRuns staleRuns, DataSource dataSource, JdbcTemplate jdbc,
            ObjectProvider<Job> jobs, ObjectProvider<RunKind> kinds) {
        this.operator = operator;
        this.repository = repository;
        this.staleRuns = staleRuns;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.kinds = kinds;
    }

    /** A new run of a job with these parameters: a fresh identity, so that starting the same job twice makes two runs. */
    public static JobParameters newRun(JobParametersBuilder parameters) {
        return parameters.addString(RUN, UUID.randomUUID().toString()).toJobParameters();
    }

    /** The run, or a refusal naming it when there is none. */
    public JobExecution execution(long executionId) {
        JobExecution execution;
        try {
            execution = repository.getJobExecution(executionId);
        } catch (org.springframework.dao.EmptyResultDataAccessException e) {
            execution = null;
        }
        if (execution == null) {
            throw new RunRefusedException("there is no job run " + executionId + "; scripts/ofuku status lists the last runs");
        }
        return execution;
    }

    /** Carries on a failed or stopped run where it stopped: finished steps (for the nightly, finished stages) are not repeated. */
    public JobOutcome restart(long executionId) throws Exception {
        staleRuns.sweep();
        JobExecution execution = execution(executionId);
        switch (execution.getStatus()) {
            case COMPLETED -> throw new RunRefusedException("run " + executionId + " (" + execution.getJobInstance().getJobName()
                    + ") completed; there is nothing to carry on");
            case STARTING, STARTED, STOPPING -> throw new RunRefusedException("run " + executionId + " is still running; wait for it,"
                    + " or stop it first: scripts/ofuku stop " + executionId);
            case ABANDONED -> throw new RunRefusedException("run " + executionId + " was abandoned and cannot be carried on; start"
                    + " the job again");
            default -> {
                // FAILED, STOPPED, UNKNOWN: carried on below
            }
        }
        long partitionsRunning = execution.getStepExecutions().stream().filter(s -> s.getStatus().isRunning()).count();
        if (partitionsRunning > 0) {
            throw new RunRefusedException("run " + executionId + " stopped, but " + partitionsRunning + " of its partitions are still"
                    + " being run by workers; carry it on once they have ended (scripts/ofuku status shows them)");
        }
        List<JobExecution> later = repository.getJobExecutions(execution.getJobInstance());
        long newest = later.stream().mapToLong(JobExecution::getId).max().orElse(executionId);
        if (newest != executionId) {
            throw new RunRefusedException("run " + executionId + " was already carried on by run " + newest + "; restart that one"
                    + " if it did not finish");
        }
        String name = execution.getJobInstance().getJobName();
        Job job = jobs.orderedStream().filter(j -> j.getName().equals(name)).findFirst()
                .orElseThrow(() -> new RunRefusedException("run " + executionId + " is of a job (" + name + ") this version does not have"));
        // started again with the same parameters, a failed or stopped run carries on where it stopped
        Work<JobOutcome> carryOn = () -> JobOutcome.of(operator.start(job, execution.getJobParameters()));
        RunKind kind = kindOf(execution);
        return kind == null ? carryOn.run() : kind.carryOn(execution, carryOn);
    }

    /** The report of a run, when one was written (a nightly's stage's run: the nightly's). */
    public java.util.Optional<java.nio.file.Path> reportOf(long executionId) {
        JobExecution execution = execution(executionId);
        RunKind kind = kindOf(execution);
        return kind == null ? java.util.Optional.empty() : kind.report(execution);
    }

    private RunKind kindOf(JobExecution execution) {
        return kinds.orderedStream().filter(k -> k.handles(execution)).findFirst().orElse(null);
    }

    /**
     * Asks a running run to stop. It stops at the end of the step it is in (for the nightly: the
     * stage), with everything so far kept, and can be carried on with {@code restart}.
     */
    public void stop(long executionId) throws Exception {
        staleRuns.sweep();
        JobExecution execution = execution(executionId);
        try {
            operator.stop(execution);
        } catch (JobExecutionNotRunningException e) {
            throw new RunRefusedException("run " + executionId + " is not running (" + execution.getStatus() + ")");
        }
    }

    /**
     * Does {@code work} while no nightly runs (the nightly itself, a backup), on any machine
     * sharing the database; refused naming the run of {@code job} in progress when one is.
     */
    public <T> T exclusive(String job, Work<T> work) throws Exception {
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(true);
            if (!Advisory.NIGHTLY.tryLock(lock, 0)) {
                throw new RunRefusedException(running(job));
            }
            try {
                return work.run();
            } finally {
                Advisory.NIGHTLY.unlock(lock, 0);
            }
        }
    }

    /** Why a run of {@code job} cannot start now: the one that is running, as the job repository knows it. */
    private String running(String job) {
        List<Long> runs = jdbc.queryForList("""
                SELECT e.job_execution_id FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                WHERE i.job_name = ? AND e.status IN ('STARTING', 'STARTED', 'STOPPING')
                ORDER BY e.job_execution_id DESC LIMIT 1""", Long.class, job);
        if (runs.isEmpty()) {
            return "another " + job + " or a backup is running; wait for it to finish, then try again";
        }
        JobExecution running = repository.getJobExecution(runs.get(0));
        String started = running == null || running.getStartTime() == null ? "?"
                : running.getStartTime().withSecond(0).withNano(0).toString().replace('T', ' ');
        var date = running == null ? null : running.getJobParameters().getParameter("date");
        String on = date == null ? "" : " for " + date.value();
        return "another " + job + " is running (run " + runs.get(0) + on + ", started " + started + "); wait for it to finish,"
                + " or stop it: scripts/ofuku stop " + runs.get(0);
    }
}
