package jp.ofuku.registry;

import java.nio.file.Path;
import java.util.stream.Collectors;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Checks the staged rows against each other and the registry (duplicates, unknown codes),
 * then decides: with no problems the run goes on; otherwise the bad rows go to a reject file
 * and, unless bad rows may be skipped, the whole file is refused.
 */
class CheckTasklet implements Tasklet {

    static final int PROBLEM_SAMPLE_SIZE = 20;

    private final RegistryKind kind;
    private final ProblemStore problems;
    private final JdbcTemplate jdbc;

    CheckTasklet(RegistryKind kind, ProblemStore problems, JdbcTemplate jdbc) {
        this.kind = kind;
        this.problems = problems;
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        ImportRun run = ImportRun.of(chunkContext);
        for (String query : kind.crossRowChecks(run.moveSurplus())) {
            problems.addFromQuery(run.executionId(), query);
        }
        long bad = problems.rowsWithProblems(run.executionId());
        run.context().putLong(ImportRun.PROBLEM_ROWS, bad);
        if (bad == 0) {
            return RepeatStatus.FINISHED;
        }
        Path rejects = RejectFile.write(jdbc, run.executionId(), run.file(), run.fileEncoding());
        run.context().putString(ImportRun.REJECT_FILE, rejects.toString());
        run.context().putString(ImportRun.PROBLEM_SAMPLE, problems.first(run.executionId(), PROBLEM_SAMPLE_SIZE).stream()
                .map(Problem::toString).collect(Collectors.joining("\n")));
        contribution.incrementProcessSkipCount(bad);
        if (!run.skipBadRows()) {
            long rows = run.context().getLong(ImportRun.ROWS);
            throw new ImportRejectedException(bad + " of " + rows + " rows have problems, so nothing was loaded; the rows and "
                    + "reasons are in " + rejects + ". Correct them and import again, or load the other rows with --skip-bad-rows");
        }
        return RepeatStatus.FINISHED;
    }
}
