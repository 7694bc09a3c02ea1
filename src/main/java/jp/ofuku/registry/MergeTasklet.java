package jp.ofuku.registry;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Merges the good staged rows into the registry in one transaction: a run killed here changes
 * nothing, and a rerun of the same file changes nothing more.
 */
class MergeTasklet implements Tasklet {

    private final RegistryKind kind;
    private final JdbcTemplate jdbc;

    MergeTasklet(RegistryKind kind, JdbcTemplate jdbc) {
        this.kind = kind;
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        ImportRun run = ImportRun.of(chunkContext);
        if (run.context().getLong(ImportRun.PROBLEM_ROWS, 0) > 0) {
            jdbc.update("DELETE FROM " + kind.stagingTable() + " s USING import_problems p "
                    + "WHERE s.execution_id = ? AND p.execution_id = ? AND p.line = s.line", run.executionId(),
                    run.executionId());
        }
        MergeCounts counts = kind.merge(jdbc, run.executionId(), run.moveSurplus());
        run.context().putString(ImportRun.SURPLUS_MOVED, String.join("\n", counts.moved()));
        jdbc.update("DELETE FROM " + kind.stagingTable() + " WHERE execution_id = ?", run.executionId());
        contribution.incrementWriteCount(counts.inserted() + counts.updated());
        run.context().putLong(ImportRun.INSERTED, counts.inserted());
        run.context().putLong(ImportRun.UPDATED, counts.updated());
        run.context().putLong(ImportRun.UNCHANGED, counts.unchanged());
        run.context().putString(ImportRun.STATUS_CHANGES, counts.statusChanges().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().replace('_', ' ')).reduce((a, b) -> a + ", " + b).orElse(""));
        return RepeatStatus.FINISHED;
    }
}
