package jp.ofuku.invite;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import jp.ofuku.letters.LetterSetup;
import jp.ofuku.letters.PrintSteps;
import jp.ofuku.ops.RunOwnership;

/** The invite job: plan (choose and store options), reserve and print (print files, partitioned), report. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InviteProperties.class)
public class InviteJobConfiguration {

    public static final String NAME = "invite";

    @Bean
    Job inviteJob(JobRepository repository, PlatformTransactionManager tx, InvitationStore store,
            InviteProperties properties, LetterSetup letters, RunOwnership ownership, PrintSteps print) {
        PlanTasklet plan = new PlanTasklet(store, properties);
        InvitationLetters invitations = new InvitationLetters(store, letters);
        return new JobBuilder(NAME, repository)
                .listener(ownership)
                .start(new StepBuilder(NAME + ".plan", repository).tasklet(plan, tx).listener(plan).build())
                .next(print.reserve(NAME + ".reserve", invitations))
                .next(print.print(NAME + ".print", invitations))
                .next(new StepBuilder(NAME + ".report", repository).tasklet(new ReportTasklet(store), tx).build())
                .build();
    }

    public static final String NEW_DATES = "new-dates";

    /** New-dates letters: planned for those who need them, then printed and reported as invitations are. */
    @Bean
    Job newDatesJob(JobRepository repository, PlatformTransactionManager tx, InvitationStore store,
            InviteProperties properties, LetterSetup letters, RunOwnership ownership, PrintSteps print) {
        InvitationLetters invitations = new InvitationLetters(store, letters);
        return new JobBuilder(NEW_DATES, repository)
                .listener(ownership)
                .start(new StepBuilder(NEW_DATES + ".plan", repository).tasklet(new NewDatesTasklet(store, properties), tx).build())
                .next(print.reserve(NEW_DATES + ".reserve", invitations))
                .next(print.print(NEW_DATES + ".print", invitations))
                .next(new StepBuilder(NEW_DATES + ".report", repository).tasklet(new ReportTasklet(store), tx).build())
                .build();
    }
}
