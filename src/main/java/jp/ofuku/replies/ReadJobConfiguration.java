package jp.ofuku.replies;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import jp.ofuku.letters.LetterSetup;
import jp.ofuku.ops.RunOwnership;

/** The read job: one step, one received file per transaction. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReadProperties.class)
public class ReadJobConfiguration {

    public static final String NAME = "read";

    @Bean
    Job readJob(JobRepository repository, PlatformTransactionManager tx, ReplyStore store, LetterSetup letters,
            ReadProperties properties, RunOwnership ownership) {
        ReadTasklet read = new ReadTasklet(store, letters, properties);
        return new JobBuilder(NAME, repository)
                .listener(ownership)
                .start(new StepBuilder(NAME + ".files", repository).tasklet(read, tx).listener(read).build())
                .build();
    }
}
