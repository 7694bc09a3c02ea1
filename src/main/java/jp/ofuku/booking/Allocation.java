package jp.ofuku.booking;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

import jp.ofuku.ops.JobOutcome;
import jp.ofuku.ops.StaleRuns;

/** Runs the allocate job and says what came of it. */
@Service
public class Allocation {

    private final JobOperator operator;
    private final Job allocateJob;
    private final StaleRuns staleRuns;

    private final Job confirmJob;

    public Allocation(JobOperator operator, @Qualifier("allocateJob") Job allocateJob, @Qualifier("confirmJob") Job confirmJob,
            StaleRuns staleRuns) {
        this.operator = operator;
        this.allocateJob = allocateJob;
        this.confirmJob = confirmJob;
        this.staleRuns = staleRuns;
    }

    /** Writes a confirmation letter for every resident booked and not yet written to, into print files in {@code out}. */
    public JobOutcome confirm(java.nio.file.Path out) throws Exception {
        staleRuns.sweep();
        JobExecution execution = operator.start(confirmJob, jp.ofuku.ops.RunControl.newRun(confirmParameters(out)));
        return JobOutcome.of(execution);
    }

    public JobOutcome run() throws Exception {
        staleRuns.sweep();
        JobExecution execution = operator.start(allocateJob, jp.ofuku.ops.RunControl.newRun(new JobParametersBuilder()));
        return JobOutcome.of(execution);
    }

    /** The confirm job's parameters for print files in {@code out}, not identifying a run: add what does. */
    public static JobParametersBuilder confirmParameters(java.nio.file.Path out) {
        return new JobParametersBuilder().addString(ConfirmLetters.OUT, out.toAbsolutePath().normalize().toString(), false);
    }
}
