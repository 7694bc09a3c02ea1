package jp.ofuku.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import jp.ofuku.ops.Progress;

/**
 * First pass over the file: settles the encoding, checks the header, checks every row on its
 * own and watches every column for My Number. Nothing of the file is stored but the problems.
 */
class ScanTasklet implements Tasklet {

    static final int WARNING_SAMPLE_SIZE = 10;

    private final RegistryKind kind;
    private final ProblemStore problems;

    ScanTasklet(RegistryKind kind, ProblemStore problems) {
        this.kind = kind;
        this.problems = problems;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        ImportRun run = ImportRun.of(chunkContext);
        FileEncoding encoding = run.fileEncoding();
        Progress progress = Progress.of(kind.name() + ": checking " + run.file().getFileName(), "rows", 0);
        long rows = 0;
        long warnings = 0;
        List<String> warningSample = new ArrayList<>();
        try (CsvRows csv = CsvRows.open(run.file(), encoding)) {
            HeaderMap header = HeaderMap.of(kind, csv.header());
            MyNumberColumns myNumber = new MyNumberColumns(header.names());
            ProblemStore.Sink sink = problems.sink(run.executionId());
            for (Optional<CsvRows.Row> next = csv.next(); next.isPresent(); next = csv.next()) {
                CsvRows.Row row = next.get();
                rows++;
                myNumber.observe(row.line(), row.values());
                RowCheck check = header.check(row);
                if (check.ok()) {
                    kind.stage(check);
                }
                check.problems().forEach(sink::add);
                for (Problem warning : check.warnings()) {
                    if (warnings++ < WARNING_SAMPLE_SIZE) {
                        warningSample.add(warning.toString());
                    }
                }
                progress.at(rows);
            }
            sink.flush();
            myNumber.refuseIfFound();
        } catch (UndecodableInputException e) {
            throw new ImportRefusedException(e.getMessage() + "; nothing was loaded. Save the file again as UTF-8 or "
                    + "windows-31j" + (run.encoding().equalsIgnoreCase("auto") ? "" : ", or try --encoding auto"));
        }
        chunkContext.getStepContext().getStepExecution().setReadCount(rows);
        run.context().putString(ImportRun.ENCODING_USED, encoding.label());
        run.context().putLong(ImportRun.ROWS, rows);
        run.context().putLong(ImportRun.WARNINGS, warnings);
        run.context().putString(ImportRun.WARNING_SAMPLE, String.join("\n", warningSample));
        return RepeatStatus.FINISHED;
    }
}
