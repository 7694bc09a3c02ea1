package jp.ofuku.replies;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

import jp.ofuku.ops.JobOutcome;
import jp.ofuku.ops.StaleRuns;

/** Runs the read job over files and folders and says what came of them. */
@Service
public class Replies {

    private final JobOperator operator;
    private final Job readJob;
    private final StaleRuns staleRuns;

    public Replies(JobOperator operator, @Qualifier("readJob") Job readJob, StaleRuns staleRuns) {
        this.operator = operator;
        this.readJob = readJob;
        this.staleRuns = staleRuns;
    }

    public JobOutcome read(List<Path> paths) throws Exception {
        staleRuns.sweep();
        JobExecution execution = operator.start(readJob, jp.ofuku.ops.RunControl.newRun(parameters(paths)));
        return JobOutcome.of(execution);
    }

    /** The read job's parameters for these files and folders, not identifying a run: add what does. */
    public static JobParametersBuilder parameters(List<Path> paths) {
        String joined = paths.stream().map(p -> p.toAbsolutePath().normalize().toString()).collect(Collectors.joining("\n"));
        return new JobParametersBuilder().addString(ReadTasklet.PATHS, joined, false);
    }
}
