package jp.ofuku.nightly;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import jp.ofuku.ops.JobOutcome;
import jp.ofuku.ops.StaleRuns;

/**
 * Starts, restarts and stops runs. One nightly at a time: while one runs (on this machine or
 * another sharing the database) a second is refused, and a nightly for a business date that
 * already completed is refused as done. A nightly killed midway is found by the next command,
 * marked failed, and carried on by {@code restart} (or by starting the same date again)
 * without repeating its finished stages.
 */
@Service
public class Nightly {

    static final String DATE = "date";
    static final String INBOX = "inbox";
    static final String OUT = "out";

    /** Advisory lock held by the process running a nightly: ('on', 0). */
    private static final int LOCK_SPACE = 0x6f6e;

    private final JobOperator operator;
    private final JobRepository repository;
    private final Job nightlyJob;
    private final StaleRuns staleRuns;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final NightlyProperties properties;
    private final List<Job> jobs;
    private final RunReport report;
    private final RunReports reports;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Nightly.class);

    public Nightly(JobOperator operator, JobRepository repository, @Qualifier("nightlyJob") Job nightlyJob, StaleRuns staleRuns,
            DataSource dataSource, JdbcTemplate jdbc, NightlyProperties properties, List<Job> jobs, RunReport report,
            RunReports reports) {
        this.operator = operator;
        this.repository = repository;
        this.nightlyJob = nightlyJob;
        this.staleRuns = staleRuns;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.properties = properties;
        this.jobs = jobs;
        this.report = report;
        this.reports = reports;
    }

    /** The nightly for {@code date} on the configured folders. */
    public JobOutcome run(LocalDate date) throws Exception {
        return run(date, Path.of(properties.inbox()), Path.of(properties.out()));
    }

    /** The nightly for {@code date}: read {@code inbox}, allocate, print confirmations and new dates into {@code out}. */
    public JobOutcome run(LocalDate date, Path inboxFolder, Path out) throws Exception {
        staleRuns.sweep();
        Path inbox = inboxFolder.toAbsolutePath().normalize();
        if (!Files.isDirectory(inbox)) {
            throw new RunRefusedException("the inbox folder " + inbox + " does not exist: create it (mkdir -p " + inbox
                    + ") or set OFUKU_NIGHTLY_INBOX to the folder scans and faxes arrive in");
        }
        JobParameters parameters = NightlyJobConfiguration.parameters(date, inbox, out);
        return whileHoldingTheNightly(() -> {
            JobExecution last = repository.getLastJobExecution(NightlyJobConfiguration.NAME, parameters);
            if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
                throw new RunRefusedException("the nightly for " + date + " already completed (run " + last.getId() + ", ended "
                        + minute(last.getEndTime()) + "); nothing to do. Each business date runs once: tomorrow's runs with"
                        + " tomorrow's date");
            }
            try {
                // a failed or stopped nightly for this date is carried on, not begun again
                return reported(JobOutcome.of(operator.start(nightlyJob, last == null ? parameters : last.getJobParameters())));
            } catch (JobInstanceAlreadyCompleteException e) {
                throw new RunRefusedException("the nightly for " + date + " already completed; nothing to do");
            }
        });
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
        List<JobExecution> later = repository.getJobExecutions(execution.getJobInstance());
        long newest = later.stream().mapToLong(JobExecution::getId).max().orElse(executionId);
        if (newest != executionId) {
            throw new RunRefusedException("run " + executionId + " was already carried on by run " + newest + "; restart that one"
                    + " if it did not finish");
        }
        String name = execution.getJobInstance().getJobName();
        Job job = jobs.stream().filter(j -> j.getName().equals(name)).findFirst()
                .orElseThrow(() -> new RunRefusedException("run " + executionId + " is of a job (" + name + ") this version does not have"));
        // started again with the same parameters, a failed or stopped run carries on where it stopped
        Work<JobOutcome> carryOn = () -> JobOutcome.of(operator.start(job, execution.getJobParameters()));
        return NightlyJobConfiguration.NAME.equals(name) ? whileHoldingTheNightly(() -> reported(carryOn.run())) : carryOn.run();
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

    /** Writes the run's report beside its print files; a report that cannot be written is logged, and the run stands. */
    private JobOutcome reported(JobOutcome run) {
        JobExecution execution = repository.getJobExecution(run.executionId());
        java.time.LocalDate date = execution.getJobParameters().getLocalDate(DATE);
        try {
            report.write(date, run, Path.of(execution.getJobParameters().getString(OUT)));
        } catch (Exception e) {
            log.warn("the report of nightly run {} could not be written: {}", run.executionId(), e.toString());
        }
        return run;
    }

    /**
     * The report of a run, when one was written: a nightly's own; for a stage's run, its nightly's;
     * for any other run, the one in the reports folder.
     */
    public java.util.Optional<Path> reportOf(long executionId) {
        JobExecution execution = execution(executionId);
        var instance = execution.getJobParameters().getParameter(ChildJobTasklet.NIGHTLY);
        if (instance != null) {
            var nightlyInstance = repository.getJobInstance((Long) instance.value());
            JobExecution parent = nightlyInstance == null ? null : repository.getLastJobExecution(nightlyInstance);
            execution = parent != null ? parent : execution;
        }
        String name = execution.getJobInstance().getJobName();
        if (!NightlyJobConfiguration.NAME.equals(name)) {
            return reports.of(name, executionId);
        }
        return java.util.Optional.of(reportPath(execution)).filter(java.nio.file.Files::isRegularFile);
    }

    /** Where the HTML report of a nightly run is written (the PDF beside it). */
    public Path report(JobOutcome run) {
        JobExecution execution = execution(run.executionId());
        if (!NightlyJobConfiguration.NAME.equals(execution.getJobInstance().getJobName())) {
            throw new RunRefusedException("run " + run.executionId() + " is not a nightly run: only nightly runs have reports");
        }
        return reportPath(execution);
    }

    private static Path reportPath(JobExecution nightly) {
        return RunReport.html(Path.of(nightly.getJobParameters().getString(OUT)), nightly.getJobParameters().getLocalDate(DATE),
                nightly.getId());
    }

    private JobExecution execution(long executionId) {
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

    @FunctionalInterface
    public interface Work<T> {
        T run() throws Exception;
    }

    /**
     * Does {@code work} while no nightly can run (a backup, for one): refused with a
     * {@link RunRefusedException} naming the nightly when one is running.
     */
    public <T> T whileHoldingTheNightly(Work<T> work) throws Exception {
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(true);
            if (!advisory(lock, "pg_try_advisory_lock")) {
                throw new RunRefusedException(running());
            }
            try {
                return work.run();
            } finally {
                advisory(lock, "pg_advisory_unlock");
            }
        }
    }

    private static boolean advisory(Connection connection, String function) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + function + "(?, 0)")) {
            ps.setInt(1, LOCK_SPACE);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Why a nightly cannot start now: the one that is running, as the job repository knows it. */
    private String running() {
        List<String> runs = jdbc.query("""
                SELECT e.job_execution_id, p.parameter_value, to_char(e.start_time, 'YYYY-MM-DD HH24:MI')
                FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                LEFT JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id AND p.parameter_name = ?
                WHERE i.job_name = ? AND e.status IN ('STARTING', 'STARTED', 'STOPPING')
                ORDER BY e.job_execution_id DESC LIMIT 1""",
                (rs, i) -> "run " + rs.getLong(1) + " for " + rs.getString(2) + ", started " + rs.getString(3),
                DATE, NightlyJobConfiguration.NAME);
        return "another nightly is running" + (runs.isEmpty() ? "" : " (" + runs.get(0) + ")") + "; wait for it to finish,"
                + " or stop it: scripts/ofuku stop " + (runs.isEmpty() ? "RUN" : runs.get(0).split(" ")[1]);
    }

    private static String minute(java.time.LocalDateTime time) {
        return time == null ? "?" : time.withSecond(0).withNano(0).toString().replace('T', ' ');
    }
}
