package jp.ofuku.nightly;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import jp.ofuku.ops.JobOutcome;

/**
 * Every run of a job other than the nightly (read, allocate, confirm, import, invite, new dates)
 * writes its report, HTML and PDF, into the reports folder ({@code ofuku.reports.dir}, default
 * data/reports) when it ends; the nightly writes its own beside its print files, and the runs it
 * makes are in that report. A report that cannot be written is logged; the run stands.
 */
@Component
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE)
public class RunReports implements BeanPostProcessor, jp.ofuku.ops.RunControl.RunKind {

    private static final Logger log = LoggerFactory.getLogger(RunReports.class);

    private final ObjectProvider<RunReport> report;
    private final Path folder;
    private final boolean enabled;

    public RunReports(ObjectProvider<RunReport> report, @Value("${ofuku.reports.dir:${OFUKU_DATA_DIR:data}/reports}") String folder,
            @Value("${ofuku.reports.enabled:true}") boolean enabled) {
        this.report = report;
        this.folder = Path.of(folder);
        this.enabled = enabled;
    }

    /** The HTML report of a run of {@code job} other than the nightly, when it was written. */
    public Optional<Path> of(String job, long run) {
        Path html = RunReport.html(folder, job, run);
        return Files.isRegularFile(html) ? Optional.of(html) : Optional.empty();
    }

    /** Every run not of a more particular kind: its report is in the reports folder. */
    @Override
    public boolean handles(JobExecution run) {
        return true;
    }

    @Override
    public Optional<Path> report(JobExecution run) {
        return of(run.getJobInstance().getJobName(), run.getId());
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (enabled && bean instanceof AbstractJob job && !job.getName().equals(NightlyJobConfiguration.NAME)) {
            job.registerJobExecutionListener(new JobExecutionListener() {
                @Override
                public void afterJob(JobExecution execution) {
                    if (execution.getJobParameters().getParameter(ChildJobTasklet.NIGHTLY) != null) {
                        return; // part of a nightly: in the nightly's report
                    }
                    try {
                        report.getObject().write(job.getName(), JobOutcome.of(execution), LocalDate.now(), folder);
                    } catch (Exception e) {
                        log.warn("the report of {} run {} could not be written: {}", job.getName(), execution.getId(), e.toString());
                    }
                }
            });
        }
        return bean;
    }
}
