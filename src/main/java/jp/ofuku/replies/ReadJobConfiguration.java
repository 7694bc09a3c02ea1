package jp.ofuku.replies;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import jp.ofuku.letters.LetterSetup;
import jp.ofuku.ops.Partitions;
import jp.ofuku.ops.RunOwnership;

/** The read job: one partitioned step, each partition a list of the files, one received file per transaction. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReadProperties.class)
public class ReadJobConfiguration {

    public static final String NAME = "read";

    @Bean
    Job readJob(JobRepository repository, PlatformTransactionManager tx, ReplyStore store, LetterSetup letters,
            ReadProperties properties, RunOwnership ownership, Partitions partitions, java.time.Clock clock) {
        // every partition reads ahead on all the cores: one holding the run's only file (a 2,000-page fax) has the
        // machine to itself; partitions running side by side share the cores
        ReadTasklet read = new ReadTasklet(store, letters, properties, Runtime.getRuntime().availableProcessors(), clock);
        Step worker = new StepBuilder(NAME + ".file", repository).tasklet(read, tx).listener(read).build();
        return new JobBuilder(NAME, repository)
                .listener(ownership)
                .start(partitions.step(NAME + ".files", (manager, grid) -> {
                    try {
                        return ReadTasklet.partitions(manager, grid);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, worker))
                .build();
    }
}
