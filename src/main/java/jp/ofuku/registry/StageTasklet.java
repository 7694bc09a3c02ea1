package jp.ofuku.registry;

import java.io.Writer;
import java.sql.Connection;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.datasource.DataSourceUtils;

import jp.ofuku.database.CopyText;
import jp.ofuku.ops.Progress;

/**
 * Second pass: streams the rows that passed their own checks into the kind's staging table
 * with COPY, in the step's transaction, so a run killed here leaves nothing half-staged.
 */
class StageTasklet implements Tasklet {

    private final RegistryKind kind;
    private final DataSource dataSource;

    StageTasklet(RegistryKind kind, DataSource dataSource) {
        this.kind = kind;
        this.dataSource = dataSource;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        ImportRun run = ImportRun.of(chunkContext);
        long total = run.context().getLong(ImportRun.ROWS);
        Progress progress = Progress.of(kind.name() + ": staging " + run.file().getFileName(), "rows", total);
        String copy = "COPY " + kind.stagingTable() + " (execution_id, line, " + String.join(", ", kind.stagingColumns())
                + ") FROM STDIN";
        String executionId = Long.toString(run.executionId());
        Connection connection = DataSourceUtils.getConnection(dataSource);
        long read = 0;
        long staged = 0;
        try (CsvRows csv = CsvRows.open(run.file(), run.fileEncoding());
                Writer out = CopyText.writer(connection, copy)) {
            HeaderMap header = HeaderMap.of(kind, csv.header());
            for (Optional<CsvRows.Row> next = csv.next(); next.isPresent(); next = csv.next()) {
                CsvRows.Row row = next.get();
                read++;
                RowCheck check = header.check(row);
                if (!check.ok()) {
                    continue;
                }
                String[] values = kind.stage(check);
                if (!check.ok()) {
                    continue;
                }
                out.write(executionId);
                out.write('\t');
                out.write(Long.toString(row.line()));
                for (String value : values) {
                    out.write('\t');
                    CopyText.writeField(out, value);
                }
                out.write('\n');
                staged++;
                progress.at(read);
            }
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        contribution.incrementWriteCount(staged);
        contribution.incrementFilterCount(read - staged);
        return RepeatStatus.FINISHED;
    }
}
