package jp.ofuku.ops;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.StepExecutionAggregator;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.partition.support.DefaultStepExecutionAggregator;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.PartitionStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Partitioned steps: the manager splits the work into partitions (a {@link Partitioner}), each
 * partition runs the worker step on its own {@link StepExecution}, and the partitions' counts
 * are summed into the run's. Without a broker the partitions run as threads of this JVM
 * ({@link TaskExecutorPartitionHandler}). A restart runs again only the partitions that did not
 * complete, each with the context it had; a completed one is never run twice.
 *
 * <p>Counts: each partition keeps its own, in its step execution's context ({@link #add}), so
 * that partitions run anywhere never overwrite each other's; the manager's aggregation sums
 * the latest execution of every partition of the run into the job's context, under the same
 * names the job's other steps use, once, whatever was restarted.
 */
@Component
public class Partitions {

    /** Partitions of one partitioned step: one per core of the machine kind ofuku is sized for. */
    public static final int GRID = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    private static final String COUNT = "count.";
    private static final String BASE = "countBefore.";

    private final JobRepository repository;

    public Partitions(JobRepository repository) {
        this.repository = repository;
    }

    /** Splits a partitioned step's work: {@code grid} partitions named partition0…, each an execution context. */
    @FunctionalInterface
    public interface Splitting {
        Map<String, ExecutionContext> partition(StepExecution manager, int grid);
    }

    /** A partitioned step named {@code name}: the partitions {@code splitting} makes each run {@code worker}. */
    public Step step(String name, Splitting splitting, Step worker, StepExecutionListener... listeners) {
        StepExecutionSplitter splitter = new StepExecutionSplitter() {
            @Override
            public String getStepName() {
                return worker.getName();
            }

            @Override
            public Set<StepExecution> split(StepExecution manager, int grid) throws JobExecutionException {
                Partitioner partitioner = g -> splitting.partition(manager, g);
                return new SimpleStepExecutionSplitter(repository, worker.getName(), partitioner).split(manager, grid);
            }
        };
        PartitionStepBuilder builder = new StepBuilder(name, repository)
                .partitioner(worker.getName(), g -> {
                    throw new IllegalStateException("partitions are made by the splitter");
                })
                .splitter(splitter)
                .partitionHandler(handler(worker))
                .gridSize(GRID)
                .aggregator(new Counted(worker.getName()));
        for (StepExecutionListener listener : listeners) {
            builder.listener(listener);
        }
        return builder.build();
    }

    private PartitionHandler handler(Step worker) {
        TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
        handler.setStep(worker);
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(worker.getName() + "-");
        threads.setConcurrencyLimit(GRID);
        handler.setTaskExecutor(threads);
        handler.setGridSize(GRID);
        return handler;
    }

    /** Adds {@code n} to the partition's count {@code key}; returns the partition's total. */
    public static long add(StepExecution partition, String key, long n) {
        ExecutionContext context = partition.getExecutionContext();
        long total = context.getLong(COUNT + key, 0) + n;
        context.putLong(COUNT + key, total);
        return total;
    }

    /** The partition's counts, by name. */
    static Map<String, Long> counts(ExecutionContext partition) {
        Map<String, Long> counts = new TreeMap<>();
        for (Map.Entry<String, Object> e : partition.entrySet()) {
            if (e.getKey().startsWith(COUNT) && e.getValue() instanceof Number n) {
                counts.put(e.getKey().substring(COUNT.length()), n.longValue());
            }
        }
        return counts;
    }

    /**
     * Sums the partitions' read/write counts and status as Spring Batch does, then the counts of
     * the latest execution of every partition of the run (those completed by an earlier,
     * interrupted execution too) into the job's context: the job's count is what it was before the
     * first partition counted (kept in the manager's context) plus the partitions' sum.
     */
    private final class Counted implements StepExecutionAggregator {

        private final String worker;
        private final DefaultStepExecutionAggregator standard = new DefaultStepExecutionAggregator();

        Counted(String worker) {
            this.worker = worker;
        }

        @Override
        public void aggregate(StepExecution manager, Collection<StepExecution> executions) {
            standard.aggregate(manager, executions);
            JobExecution job = manager.getJobExecution();
            ExecutionContext kept = manager.getExecutionContext();
            long grid = kept.getLong("GRID_SIZE", GRID);
            Map<String, Long> sums = new TreeMap<>();
            for (int i = 0; i < grid; i++) {
                StepExecution last = repository.getLastStepExecution(job.getJobInstance(), worker + ":partition" + i);
                if (last != null) {
                    counts(last.getExecutionContext()).forEach((key, n) -> sums.merge(key, n, Long::sum));
                }
            }
            ExecutionContext counts = job.getExecutionContext();
            sums.forEach((key, sum) -> {
                if (!kept.containsKey(BASE + key)) {
                    kept.putLong(BASE + key, counts.getLong(key, 0));
                }
                counts.putLong(key, kept.getLong(BASE + key) + sum);
            });
        }
    }
}
