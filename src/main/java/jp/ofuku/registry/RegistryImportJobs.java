package jp.ofuku.registry;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import jp.ofuku.ops.RunOwnership;
import jp.ofuku.ops.StaleRuns;

/**
 * One import job per registry kind, each four steps: scan (check every row on its own),
 * stage (COPY the good rows), check (across rows; refuse or set aside bad rows), merge.
 */
@Configuration(proxyBeanMethods = false)
public class RegistryImportJobs {

    /** What every import job is made of besides its kind. */
    record Parts(JobRepository repository, PlatformTransactionManager tx, DataSource dataSource, JdbcTemplate jdbc, ProblemStore problems,
            RunOwnership ownership) {
    }

    @Bean
    Parts importParts(JobRepository repository, PlatformTransactionManager tx, DataSource dataSource, JdbcTemplate jdbc,
            ProblemStore problems, RunOwnership ownership) {
        return new Parts(repository, tx, dataSource, jdbc, problems, ownership);
    }

    // one job bean per kind, as every other job: run control finds them to carry a run on, reports are written for them

    @Bean
    Job importResidentsJob(ResidentFile kind, Parts parts) {
        return job(kind, parts);
    }

    @Bean
    Job importDistrictsJob(DistrictFile kind, Parts parts) {
        return job(kind, parts);
    }

    @Bean
    Job importSitesJob(SiteFile kind, Parts parts) {
        return job(kind, parts);
    }

    @Bean
    Job importSessionsJob(SessionFile kind, Parts parts) {
        return job(kind, parts);
    }

    /** The import jobs by kind name ("residents", ...). */
    @Bean
    ImportJobs importJobs(List<RegistryKind> kinds, List<Job> jobs) {
        Map<String, Job> byKind = kinds.stream().collect(Collectors.toMap(RegistryKind::name, kind -> jobs.stream()
                .filter(j -> j.getName().equals(JOB_PREFIX + kind.name())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no import job for " + kind.name()))));
        return new ImportJobs(byKind, kinds.stream().collect(Collectors.toMap(RegistryKind::name, Function.identity())));
    }

    /** An import job's name: "import-" and its kind. */
    static final String JOB_PREFIX = "import-";

    @Bean
    StaleRuns.StaleRunCleaner importScratchCleaner(ProblemStore problems, List<RegistryKind> kinds) {
        List<String> tables = kinds.stream().map(RegistryKind::stagingTable).toList();
        return executionId -> problems.discard(executionId, tables);
    }

    private static Job job(RegistryKind kind, Parts parts) {
        JobRepository repository = parts.repository();
        PlatformTransactionManager tx = parts.tx();
        ProblemStore problems = parts.problems();
        JdbcTemplate jdbc = parts.jdbc();
        String name = JOB_PREFIX + kind.name();
        // a run carried on reads its file again from the start: what an ended run staged was discarded with it
        Step scan = new StepBuilder(name + ".scan", repository).tasklet(new ScanTasklet(kind, problems), tx).allowStartIfComplete(true)
                .build();
        Step stage = new StepBuilder(name + ".stage", repository).tasklet(new StageTasklet(kind, parts.dataSource()), tx)
                .allowStartIfComplete(true).build();
        Step check = new StepBuilder(name + ".check", repository).tasklet(new CheckTasklet(kind, problems, jdbc), tx)
                .allowStartIfComplete(true).build();
        Step merge = new StepBuilder(name + ".merge", repository).tasklet(new MergeTasklet(kind, jdbc), tx).build();
        return new JobBuilder(name, repository)
                .listener(parts.ownership())
                .listener(new JobExecutionListener() {
                    @Override
                    public void afterJob(JobExecution execution) {
                        problems.discard(execution.getId(), List.of(kind.stagingTable()));
                    }
                })
                .start(scan).next(stage).next(check).next(merge)
                .build();
    }

    /** The import job and file description of each kind. */
    public record ImportJobs(Map<String, Job> jobs, Map<String, RegistryKind> kinds) {
    }
}
