package jp.ofuku.registry;

import java.nio.file.Path;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** The parameters and shared state of one import run, as its steps see them. */
record ImportRun(long executionId, Path file, String encoding, boolean skipBadRows, boolean moveSurplus, ExecutionContext context) {

    static final String FILE = "file";
    static final String ENCODING = "encoding";
    static final String SKIP_BAD_ROWS = "skipBadRows";
    static final String MOVE_SURPLUS = "moveSurplus";
    /** Bookings moved off sessions whose capacity the import lowered, a line each. */
    static final String SURPLUS_MOVED = "surplusMoved";

    /** Keys of the job's execution context that the command reads back for its summary. */
    static final String ROWS = "rows";
    static final String ENCODING_USED = "encodingUsed";
    static final String WARNINGS = "warnings";
    static final String WARNING_SAMPLE = "warningSample";
    static final String PROBLEM_ROWS = "problemRows";
    static final String PROBLEM_SAMPLE = "problemSample";
    static final String REJECT_FILE = "rejectFile";
    static final String INSERTED = "inserted";
    static final String UPDATED = "updated";
    static final String UNCHANGED = "unchanged";
    static final String STATUS_CHANGES = "statusChanges";

    static ImportRun of(ChunkContext chunk) {
        JobExecution job = chunk.getStepContext().getStepExecution().getJobExecution();
        JobParameters p = job.getJobParameters();
        return new ImportRun(job.getId(), Path.of(p.getString(FILE)), p.getString(ENCODING),
                Boolean.parseBoolean(p.getString(SKIP_BAD_ROWS)), Boolean.parseBoolean(p.getString(MOVE_SURPLUS, "false")),
                job.getExecutionContext());
    }

    static JobParameters parameters(Path file, String encoding, boolean skipBadRows, boolean moveSurplus) {
        return jp.ofuku.ops.RunControl.newRun(new JobParametersBuilder()
                .addString(MOVE_SURPLUS, Boolean.toString(moveSurplus), false)
                .addString(FILE, file.toAbsolutePath().normalize().toString())
                .addString(ENCODING, encoding, false)
                .addString(SKIP_BAD_ROWS, Boolean.toString(skipBadRows), false));
    }

    FileEncoding fileEncoding() throws java.io.IOException {
        return FileEncoding.of(file, encoding);
    }
}
