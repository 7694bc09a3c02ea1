package jp.ofuku.nightly;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import jp.ofuku.booking.Allocation;
import jp.ofuku.invite.Invitations;
import jp.ofuku.invite.OpenWaves;
import jp.ofuku.nightly.ChildJobTasklet.ChildRun;
import jp.ofuku.ops.RunOwnership;
import jp.ofuku.replies.Replies;

/**
 * The nightly run: read the inbox, allocate, print confirmations, print new dates, invite the
 * residents newly in an open wave — each stage
 * a job of its own, run in turn; a stage that fails stops the night, and a restart carries on
 * from it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NightlyProperties.class)
public class NightlyJobConfiguration {

    public static final String NAME = "nightly";

    /** The stages, in order; also the names of the nightly's steps. */
    static final List<String> STAGES = List.of("read", "allocate", "confirm", "new-dates", "invite");

    @Bean
    Job nightlyJob(JobRepository repository, ObjectProvider<JobOperator> operator,
            @Qualifier("readJob") Job read, @Qualifier("allocateJob") Job allocate, @Qualifier("confirmJob") Job confirm,
            @Qualifier("newDatesJob") Job newDates, @Qualifier("inviteJob") Job invite, Invitations invitations, OpenWaves openWaves,
            RunOwnership ownership) {
        Step readStep = stage(repository, operator, "read", chunk -> List.of(
                new ChildRun(read, Replies.parameters(List.of(Path.of(parameters(chunk).getString(Nightly.INBOX)))))));
        Step allocateStep = stage(repository, operator, "allocate", chunk -> List.of(
                new ChildRun(allocate, new JobParametersBuilder())));
        Step confirmStep = stage(repository, operator, "confirm", chunk -> List.of(
                new ChildRun(confirm, Allocation.confirmParameters(out(chunk).resolve("confirm")))));
        Step newDatesStep = stage(repository, operator, "new-dates", chunk -> invitations.wavesWaitingForNewDates().stream()
                .map(wave -> new ChildRun(newDates, invitations.newDatesParameters(wave, out(chunk).resolve(wave + "-new-dates"),
                        parameters(chunk).getLocalDate(Nightly.DATE))))
                .toList());
        // residents who newly match an open wave's rule tonight (turned 65, moved in): invited once each
        Step inviteStep = stage(repository, operator, "invite", chunk -> openWaves.tonight(parameters(chunk).getLocalDate(Nightly.DATE),
                out(chunk)).stream().map(p -> new ChildRun(invite, p)).toList());
        return new JobBuilder(NAME, repository)
                .listener(ownership)
                .start(readStep).next(allocateStep).next(confirmStep).next(newDatesStep).next(inviteStep)
                .build();
    }

    private static Step stage(JobRepository repository, ObjectProvider<JobOperator> operator,
            String name, java.util.function.Function<ChunkContext, List<ChildRun>> runs) {
        return new StepBuilder(NAME + "." + name, repository)
                // the stage's own job keeps its own transactions: the stage holds no connection while it waits
                .tasklet((contribution, chunk) -> new ChildJobTasklet(name, operator.getObject(), repository, runs)
                        .execute(contribution, chunk), new ResourcelessTransactionManager())
                .build();
    }

    private static JobParameters parameters(ChunkContext chunk) {
        return chunk.getStepContext().getStepExecution().getJobParameters();
    }

    private static Path out(ChunkContext chunk) {
        return Path.of(parameters(chunk).getString(Nightly.OUT));
    }

    /** The nightly's own parameters: identified by its business date; the folders as they were when it started. */
    static JobParameters parameters(LocalDate date, Path inbox, Path out) {
        return new JobParametersBuilder()
                .addLocalDate(Nightly.DATE, date)
                .addString(Nightly.INBOX, inbox.toAbsolutePath().normalize().toString(), false)
                .addString(Nightly.OUT, out.toAbsolutePath().normalize().toString(), false)
                .toJobParameters();
    }
}
