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
 * complete, each with the context it had; a completed one is never run twice. With
 * {@code OFUKU_BROKER_URL} the partitions are sent over RabbitMQ to worker JVMs
 * ({@link RemotePartitions}, {@link PartitionWorker}) and the manager polls the job repository
 * for their end.
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
    /** Set when partitions go to worker JVMs over a broker ({@link RemotePartitions}); else null. */
    private final org.springframework.integration.core.MessagingTemplate remote;
    /** Every worker step, by name: what a worker JVM runs for a request naming it. */
    private final Map<String, Step> workers = new java.util.concurrent.ConcurrentHashMap<>();

    /** Partitions per partitioned step. */
    private final int grid;

    public Partitions(JobRepository repository,
            org.springframework.beans.factory.ObjectProvider<org.springframework.integration.core.MessagingTemplate> remote,
            @org.springframework.beans.factory.annotation.Value("${ofuku.partitions:0}") int partitions) {
        this.repository = repository;
        this.remote = remote.getIfAvailable();
        // threads: one per core; workers: a few per step, so that a worker that ends first takes another
        this.grid = partitions > 0 ? partitions : this.remote != null ? REMOTE_GRID : GRID;
    }

    /** Partitions per step sent to workers, unless ofuku.partitions says otherwise. */
    static final int REMOTE_GRID = 4;

    /** Whether partitions are sent to worker JVMs over a broker. */
    public boolean remote() {
        return remote != null;
    }

    /** The worker step of that name, for a request a worker JVM received; empty for a name no partitioned step has. */
    public java.util.Optional<Step> worker(String name) {
        return java.util.Optional.ofNullable(workers.get(name));
    }

    /** Splits a partitioned step's work: {@code grid} partitions named partition0…, each an execution context. */
    @FunctionalInterface
    public interface Splitting {
        Map<String, ExecutionContext> partition(StepExecution manager, int grid);
    }

    /**
     * {@code items} cut into {@code grid} contiguous slices, as evenly as they go, each described
     * by {@code describe} as a partition's context and named as the splitter names it (partition0…).
     * Always {@code grid} partitions, some perhaps empty, so that a restart finds every partition
     * it ran before.
     */
    public static <T> Map<String, ExecutionContext> contiguous(java.util.List<T> items, int grid,
            java.util.function.Function<java.util.List<T>, ExecutionContext> describe) {
        Map<String, ExecutionContext> partitions = new java.util.HashMap<>();
        int from = 0;
        for (int i = 0; i < grid; i++) {
            int to = from + (items.size() - from + (grid - i) - 1) / (grid - i);
            partitions.put(name(i), describe.apply(items.subList(from, to)));
            from = to;
        }
        return partitions;
    }

    /** The name of a step's {@code i}th partition, as {@link SimpleStepExecutionSplitter} names it (after the worker's name and a colon). */
    private static String name(int i) {
        return "partition" + i;
    }

    /** A partitioned step named {@code name}: the partitions {@code splitting} makes each run {@code worker}. */
    public Step step(String name, Splitting splitting, Step worker, StepExecutionListener... listeners) {
        workers.put(worker.getName(), worker);
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
                .gridSize(grid)
                .aggregator(new Counted(worker.getName()));
        for (StepExecutionListener listener : listeners) {
            builder.listener(listener);
        }
        if (remote != null) {
            builder.listener(new Waiting(worker.getName()));
        }
        return builder.build();
    }

    private PartitionHandler handler(Step worker) {
        if (remote != null) {
            // the manager sends one request per partition and polls the job repository until none is running
            org.springframework.batch.integration.partition.MessageChannelPartitionHandler handler =
                    new org.springframework.batch.integration.partition.MessageChannelPartitionHandler();
            handler.setStepName(worker.getName());
            handler.setGridSize(grid);
            handler.setMessagingOperations(remote);
            handler.setJobRepository(repository);
            handler.setPollInterval(1_000);
            try {
                handler.afterPropertiesSet();
            } catch (Exception e) {
                throw new IllegalStateException("could not set up the partition handler of " + worker.getName(), e);
            }
            return handler;
        }
        TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
        handler.setStep(worker);
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(worker.getName() + "-");
        threads.setConcurrencyLimit(GRID);
        handler.setTaskExecutor(threads);
        handler.setGridSize(grid);
        return handler;
    }

    /**
     * While the workers run a step's partitions, the manager says every half minute how many
     * have ended, and what to do when none has begun (no worker is running).
     */
    private final class Waiting implements StepExecutionListener {

        private final String worker;
        private final Map<Long, java.util.concurrent.ScheduledExecutorService> timers = new java.util.concurrent.ConcurrentHashMap<>();

        Waiting(String worker) {
            this.worker = worker;
        }

        @Override
        public void beforeStep(StepExecution manager) {
            System.err.println("ofuku: " + manager.getStepName() + ": partitions sent to the workers over RabbitMQ; waiting for them"
                    + " (scripts/ofuku worker runs one)");
            var timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "partition-progress");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(() -> say(manager), 30, 30, java.util.concurrent.TimeUnit.SECONDS);
            timers.put(manager.getId(), timer);
        }

        private void say(StepExecution manager) {
            try {
                JobExecution job = repository.getJobExecution(manager.getJobExecutionId());
                long all = 0;
                long ended = 0;
                long begun = 0;
                for (StepExecution s : job.getStepExecutions()) {
                    if (s.getStepName().startsWith(worker + ":")) {
                        all++;
                        ended += s.getStatus().isRunning() || s.getStatus() == org.springframework.batch.core.BatchStatus.STARTING ? 0 : 1;
                        begun += s.getStatus() == org.springframework.batch.core.BatchStatus.STARTING ? 0 : 1;
                    }
                }
                System.err.println("ofuku: " + manager.getStepName() + ": " + ended + " of " + all + " partitions ended"
                        + (begun == 0 ? "; none begun: is a worker running? (scripts/ofuku worker, with the same OFUKU_BROKER_URL"
                                + " and OFUKU_DB_URL)" : ""));
            } catch (RuntimeException e) {
                // the next line will say it
            }
        }

        @Override
        public org.springframework.batch.core.ExitStatus afterStep(StepExecution manager) {
            var timer = timers.remove(manager.getId());
            if (timer != null) {
                timer.shutdownNow();
            }
            return null;
        }
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
            long partitions = kept.getLong("GRID_SIZE", grid);
            Map<String, Long> sums = new TreeMap<>();
            for (int i = 0; i < partitions; i++) {
                StepExecution last = repository.getLastStepExecution(job.getJobInstance(), worker + ":" + name(i));
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
