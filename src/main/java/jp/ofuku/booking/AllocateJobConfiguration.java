package jp.ofuku.booking;


import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import jp.ofuku.ops.RunOwnership;

/** The allocate job (one step, one transaction) and the confirm job (print files reserved, then printed in partitions). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AllocateProperties.class)
public class AllocateJobConfiguration {

    public static final String NAME = "allocate";

    @Bean
    Job allocateJob(JobRepository repository, PlatformTransactionManager tx, AllocationStore store, RunOwnership ownership,
            Departures departures) {
        return new JobBuilder(NAME, repository)
                .listener(ownership)
                .start(new StepBuilder(NAME + ".book", repository).tasklet(new AllocateTasklet(store, departures), tx)
                        .build())
                .build();
    }

    public static final String CONFIRM = "confirm";

    @Bean
    Job confirmJob(JobRepository repository, PlatformTransactionManager tx, ConfirmStore store, ChangeLetterStore changes,
            jp.ofuku.letters.LetterSetup letters, RunOwnership ownership, Departures departures, jp.ofuku.letters.PrintSteps print,
            java.time.Clock clock) {
        ConfirmLetters confirmations = new ConfirmLetters(store, changes, letters, departures, clock);
        return new JobBuilder(CONFIRM, repository)
                .listener(ownership)
                .start(print.reserve(CONFIRM + ".reserve", confirmations))
                .next(print.print(CONFIRM + ".print", confirmations))
                .build();
    }
}
