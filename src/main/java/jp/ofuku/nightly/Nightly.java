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
import jp.ofuku.ops.RunControl;
import jp.ofuku.ops.RunRefusedException;
import jp.ofuku.ops.StaleRuns;

/**
 * The nightly: one business date's stages in order (see {@link NightlyJobConfiguration}), and
 * its report. One nightly at a time: while one runs (on this machine or another sharing the
 * database) a second is refused, and a nightly for a business date that already completed is
 * refused as done. A nightly killed midway is found by the next command, marked failed, and
 * carried on by {@code restart} ({@link RunControl}, which holds the nightly's lock and writes
 * its report through this class) or by starting the same date again, without repeating its
 * finished stages.
 */
@Service
@org.springframework.core.annotation.Order(0)
public class Nightly implements RunControl.RunKind {

    static final String DATE = "date";
    static final String INBOX = "inbox";
    static final String OUT = "out";

    private final JobOperator operator;
    private final JobRepository repository;
    private final Job nightlyJob;
    private final StaleRuns staleRuns;
    private final RunControl runs;
    private final NightlyProperties properties;
    private final RunReport report;
    private final RunReports reports;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Nightly.class);

    public Nightly(JobOperator operator, JobRepository repository, @Qualifier("nightlyJob") Job nightlyJob, StaleRuns staleRuns,
            RunControl runs, NightlyProperties properties, RunReport report, RunReports reports) {
        this.operator = operator;
        this.repository = repository;
        this.nightlyJob = nightlyJob;
        this.staleRuns = staleRuns;
        this.runs = runs;
        this.properties = properties;
        this.report = report;
        this.reports = reports;
    }

    /** A nightly's runs, and its stages' runs. */
    @Override
    public boolean handles(JobExecution run) {
        return nightly(run) || run.getJobParameters().getParameter(ChildJobTasklet.NIGHTLY) != null;
    }

    private static boolean nightly(JobExecution run) {
        return NightlyJobConfiguration.NAME.equals(run.getJobInstance().getJobName());
    }

    /** A nightly carried on holds the nightly's lock, as a nightly started does, and writes its report; a stage's run is carried on alone. */
    @Override
    public JobOutcome carryOn(JobExecution run, RunControl.Work<JobOutcome> restart) throws Exception {
        return nightly(run) ? runs.exclusive(NightlyJobConfiguration.NAME, () -> reported(restart.run())) : restart.run();
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
        return runs.exclusive(NightlyJobConfiguration.NAME, () -> {
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

    /** The report of a nightly's run: its own; for a stage's run, its nightly's. */
    @Override
    public java.util.Optional<Path> report(JobExecution run) {
        JobExecution execution = run;
        var instance = run.getJobParameters().getParameter(ChildJobTasklet.NIGHTLY);
        if (instance != null) {
            var nightlyInstance = repository.getJobInstance((Long) instance.value());
            JobExecution parent = nightlyInstance == null ? null : repository.getLastJobExecution(nightlyInstance);
            execution = parent != null ? parent : run;
        }
        if (!nightly(execution)) {
            return reports.of(execution.getJobInstance().getJobName(), run.getId());
        }
        return java.util.Optional.of(reportPath(execution)).filter(java.nio.file.Files::isRegularFile);
    }

    /** Where the HTML report of a nightly run is written (the PDF beside it). */
    public Path report(JobOutcome run) {
        JobExecution execution = runs.execution(run.executionId());
        if (!NightlyJobConfiguration.NAME.equals(execution.getJobInstance().getJobName())) {
            throw new RunRefusedException("run " + run.executionId() + " is not a nightly run: only nightly runs have reports");
        }
        return reportPath(execution);
    }

    private static Path reportPath(JobExecution nightly) {
        return RunReport.html(Path.of(nightly.getJobParameters().getString(OUT)), nightly.getJobParameters().getLocalDate(DATE),
                nightly.getId());
    }

    private static String minute(java.time.LocalDateTime time) {
        return time == null ? "?" : time.withSecond(0).withNano(0).toString().replace('T', ' ');
    }
}
