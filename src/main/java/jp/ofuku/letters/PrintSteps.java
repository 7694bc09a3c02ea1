package jp.ofuku.letters;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import jp.ofuku.ops.Partitions;
import jp.ofuku.ops.PerRun;
import jp.ofuku.ops.Progress;

/**
 * The two steps that print one kind of letter by the print-file protocol ({@link PrintQueue}).
 * {@code reserve}: one process reserves every print file the run needs, a file per transaction
 * (a run killed meanwhile carries on reserving). {@code print}: a partitioned step whose
 * partitions are ranges of those files; each partition claims one file at a time and writes,
 * checks, renames and marks it done in one transaction, so two partitions (or a partition
 * delivered twice) never write the same file, and a killed one leaves its file to the next.
 * The partitions run as threads of this JVM ({@link Partitions}); each keeps its own counts.
 */
@Component
public class PrintSteps {

    /** One kind of letter, in the run a step belongs to. */
    public interface Kind {

        /** The run's print queue; counts it keeps while writing go to {@code step} ({@link Partitions#add}). */
        PrintQueue queue(StepExecution step);

        /** What the letters are dated and how they are drawn. */
        LetterContext context(StepExecution step);

        /** Once per run, before anything is reserved (residents who left the registry, and so on). */
        default void beforeReserving(StepExecution step) {
        }

        /** What progress lines call the printing, and how many units of it there are (0 when not known). */
        Progress progress(StepExecution step);

        /** How progress is counted for one written file (pages, or letters). */
        long progressOf(PrintFile.Written written);

        /** Adds one written file's counts to the partition's ({@link Partitions#add}). */
        void count(StepExecution partition, PrintQueue.Reserved file, PrintFile.Written written);
    }

    private static final String FIRST = "first";
    private static final String LAST = "last";

    private final JobRepository repository;
    private final PlatformTransactionManager transactions;
    private final Partitions partitions;
    private final LetterSetup letters;
    /** The progress of each run printing in this JVM, shared by its partitions. */
    private final PerRun<Progress> progress = new PerRun<>();

    public PrintSteps(JobRepository repository, PlatformTransactionManager transactions, Partitions partitions, LetterSetup letters) {
        this.repository = repository;
        this.transactions = transactions;
        this.partitions = partitions;
        this.letters = letters;
    }

    /** Reserves every print file the run needs, one per transaction. */
    public Step reserve(String name, Kind kind) {
        Map<Long, Boolean> begun = new ConcurrentHashMap<>();
        return new StepBuilder(name, repository).tasklet((contribution, chunk) -> {
            StepExecution step = chunk.getStepContext().getStepExecution();
            if (begun.putIfAbsent(step.getId(), true) == null) {
                kind.beforeReserving(step);
            }
            PrintQueue queue = kind.queue(step);
            return queue.reserve() || queue.anyLeft() ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
        }, transactions).listener(new StepExecutionListener() {
            @Override
            public org.springframework.batch.core.ExitStatus afterStep(StepExecution step) {
                begun.remove(step.getId());
                return null;
            }
        }).build();
    }

    /** Writes the reserved files: partitions of contiguous ranges of them, each claiming one file at a time. */
    public Step print(String name, Kind kind) {
        Step worker = new StepBuilder(name + ".file", repository).tasklet((contribution, chunk) -> {
            StepExecution partition = chunk.getStepContext().getStepExecution();
            ExecutionContext range = partition.getExecutionContext();
            if (!range.containsKey(FIRST)) {
                return RepeatStatus.FINISHED;
            }
            // shared by the run's partitions in this JVM; its total counted before the first file is claimed
            Progress shown = progress.of(partition, kind::progress);
            PrintQueue queue = kind.queue(partition);
            Optional<PrintQueue.Reserved> claimed = queue.claim(range.getString(FIRST), range.getString(LAST));
            if (claimed.isEmpty()) {
                return RepeatStatus.FINISHED;
            }
            PrintQueue.Reserved file = claimed.get();
            queue.settle(file);
            List<MailPiece> pieces = queue.pieces(file);
            PrintFile.Written written = PrintFile.write(file.directory(), file.name(), pieces, kind.context(partition),
                    letters.afterRender());
            // held pieces leave the file in the transaction that marks it done: a worker killed before this commit
            // leaves the file to be written again, and the check holds the same pieces again
            queue.done(file, written);
            kind.count(partition, file, written);
            contribution.incrementWriteCount(written.pieces());
            shown.add(kind.progressOf(written));
            return RepeatStatus.CONTINUABLE;
        }, transactions).listener(progress).build();
        return partitions.step(name, (manager, grid) -> ranges(kind, manager, grid), worker);
    }

    /** {@code grid} contiguous ranges of the files not yet done ({@link Partitions#contiguous}); empty ones have none. */
    private static Map<String, ExecutionContext> ranges(Kind kind, StepExecution manager, int grid) {
        return Partitions.contiguous(kind.queue(manager).unfinished(), grid, files -> {
            ExecutionContext range = new ExecutionContext();
            if (!files.isEmpty()) {
                range.putString(FIRST, files.get(0).name());
                range.putString(LAST, files.get(files.size() - 1).name());
            }
            return range;
        });
    }
}
