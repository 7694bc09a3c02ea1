package jp.ofuku.ops;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * What the partitions of one run that are running in this JVM share (the run's progress line):
 * made by the first partition that asks for it, forgotten when the last one here ends. A listener
 * of the worker step, so that it is forgotten in a worker JVM too, where the manager's step never
 * runs.
 */
public final class PerRun<T> implements StepExecutionListener {

    private record Shared<T>(T value, Set<Long> partitions) {
    }

    private final Map<Long, Shared<T>> runs = new ConcurrentHashMap<>();

    /** The run's shared value, made from the first partition that asks; {@code partition} counted as using it until it ends. */
    public T of(StepExecution partition, Function<StepExecution, T> make) {
        return runs.compute(partition.getJobExecutionId(), (run, shared) -> {
            Shared<T> used = shared != null ? shared : new Shared<>(make.apply(partition), ConcurrentHashMap.newKeySet());
            used.partitions().add(partition.getId());
            return used;
        }).value();
    }

    @Override
    public ExitStatus afterStep(StepExecution partition) {
        runs.computeIfPresent(partition.getJobExecutionId(), (run, shared) -> {
            shared.partitions().remove(partition.getId());
            return shared.partitions().isEmpty() ? null : shared;
        });
        return null;
    }

    /** How many runs share something here now. */
    int runs() {
        return runs.size();
    }
}
