package jp.ofuku.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

/** The partitions of one run share one value while any of them runs here; another run has its own. */
class PerRunTest {

    @Test
    void madeOnceARunForgottenWhenItsLastPartitionHereEnds() {
        JobExecution run = new JobExecution(7, new JobInstance(1L, "read"), new JobParameters());
        JobExecution other = new JobExecution(8, new JobInstance(2L, "read"), new JobParameters());
        StepExecution first = new StepExecution(70, "read.file:partition0", run);
        StepExecution second = new StepExecution(71, "read.file:partition1", run);
        StepExecution elsewhere = new StepExecution(80, "read.file:partition0", other);
        AtomicInteger made = new AtomicInteger();
        PerRun<String> shared = new PerRun<>();

        String a = shared.of(first, p -> "run " + p.getJobExecutionId() + " #" + made.incrementAndGet());
        String b = shared.of(second, p -> "run " + p.getJobExecutionId() + " #" + made.incrementAndGet());
        String c = shared.of(elsewhere, p -> "run " + p.getJobExecutionId() + " #" + made.incrementAndGet());
        assertThat(a).isSameAs(b).isEqualTo("run 7 #1");
        assertThat(c).isEqualTo("run 8 #2");
        assertThat(shared.runs()).isEqualTo(2);

        shared.afterStep(first);
        assertThat(shared.of(second, p -> "again")).as("the second partition still runs").isSameAs(a);
        shared.afterStep(second);
        shared.afterStep(elsewhere);
        assertThat(shared.runs()).isZero();
        // a partition ending twice (a listener called again) changes nothing
        shared.afterStep(second);
        assertThat(shared.runs()).isZero();
    }
}
