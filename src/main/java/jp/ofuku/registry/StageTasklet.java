package jp.ofuku.registry;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Optional;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.datasource.DataSourceUtils;

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
                Writer out = new BufferedWriter(new OutputStreamWriter(
                        new PGCopyOutputStream(connection.unwrap(PGConnection.class), copy, 1 << 16),
                        StandardCharsets.UTF_8), 1 << 16)) {
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
                    writeCopyField(out, value);
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

    /** One field in COPY text format: \N for NULL, backslash escapes for the few special characters. */
    static void writeCopyField(Writer out, String value) throws IOException {
        if (value == null) {
            out.write("\\N");
            return;
        }
        int n = value.length();
        int plain = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            String escape = switch (c) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (escape != null) {
                out.write(value, plain, i - plain);
                out.write(escape);
                plain = i + 1;
            }
        }
        out.write(value, plain, n - plain);
    }
}
