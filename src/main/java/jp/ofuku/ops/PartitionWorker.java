package jp.ofuku.ops;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A worker JVM's loop ({@code scripts/ofuku worker}): each of its consumers (one per core unless
 * said) takes one partition request at a time from the broker (prefetch 1), runs the
 * partition's step, and acknowledges the request only when the step has ended, so that the
 * request of a worker killed mid-partition is delivered again.
 *
 * <p>While it runs a partition the worker holds a PostgreSQL advisory lock on the partition's step
 * execution, on a connection of its own: the server drops it with the connection when the
 * worker dies. A request is dropped when its partition has already ended, or when a live
 * worker holds its lock (the same request delivered twice); a partition left started by a worker
 * that died is run again where it stopped (its files are claimed one by one, so none is written
 * twice).
 */
@Component
public class PartitionWorker implements org.springframework.context.SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

    private final JobRepository repository;
    private final Partitions partitions;
    private final DataSource dataSource;
    private final ObjectProvider<CachingConnectionFactory> broker;
    private final ObjectProvider<SimpleMessageConverter> converter;
    private final AtomicLong done = new AtomicLong();
    private final java.time.Duration stopWait;
    private volatile SimpleMessageListenerContainer container;

    public PartitionWorker(JobRepository repository, Partitions partitions, DataSource dataSource,
            ObjectProvider<CachingConnectionFactory> broker, ObjectProvider<SimpleMessageConverter> converter,
            @org.springframework.beans.factory.annotation.Value("${ofuku.stop-wait:10m}") java.time.Duration stopWait) {
        this.repository = repository;
        this.partitions = partitions;
        this.dataSource = dataSource;
        this.broker = broker;
        this.converter = converter;
        this.stopWait = stopWait;
    }

    /** What became of one request. */
    public enum Outcome { RAN, ALREADY_ENDED, HELD_BY_ANOTHER, UNKNOWN }

    /**
     * Takes requests until {@code stop} counts down, {@code threads} partitions at a time (each
     * consumer one request at a time: prefetch 1); returns how many partitions this worker ran.
     */
    public long run(CountDownLatch stop, int threads) throws InterruptedException {
        CachingConnectionFactory connections = broker.getIfAvailable();
        if (connections == null) {
            throw new Refusal("there is no broker to take partitions from: set OFUKU_BROKER_URL=amqp://user:password@host:5672");
        }
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
        container.setQueueNames(RemotePartitions.QUEUE);
        container.setPrefetchCount(1);
        container.setConcurrentConsumers(Math.max(1, threads));
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setDefaultRequeueRejected(true);
        // asked to stop (Ctrl-C, kill -TERM), a worker takes nothing more and ends the partitions it holds first
        container.setShutdownTimeout(stopWait.toMillis());
        container.setMessageListener((Message message) -> {
            Object payload;
            try {
                payload = converter.getObject().fromMessage(message);
            } catch (RuntimeException e) {
                // not a class the allow-list lets in, or not a Java object: dropped, never run, never requeued
                log.warn("worker: dropped a message that could not be read as a partition request: {}", e.getMessage());
                return;
            }
            if (payload instanceof StepExecutionRequest request) {
                handle(request);
            } else {
                log.warn("worker: dropped a message that is not a partition request ({})", payload == null ? "empty" : payload.getClass());
            }
        });
        this.container = container;
        container.start();
        log.info("worker: waiting for partitions on queue {}", RemotePartitions.QUEUE);
        System.err.println("ofuku worker: waiting for partitions (queue " + RemotePartitions.QUEUE + ", " + Math.max(1, threads)
                + " at a time); stop with Ctrl-C or kill -TERM");
        try {
            stop.await();
        } finally {
            stop();
        }
        return done.get();
    }

    /**
     * Takes no more requests and waits (at most {@code ofuku.stop-wait}) for the partitions under
     * way to end and be acknowledged, before the database closes: stopped first, as runs are.
     */
    @Override
    public synchronized void stop() {
        // synchronized: the command's own ending and the context's closing both stop it; the second waits for the first
        SimpleMessageListenerContainer c = container;
        if (c != null && c.isRunning()) {
            System.err.println("ofuku worker: asked to stop; ending the partitions under way first (at most " + stopWait + ")");
            c.stop();
        }
        // running until stopped: the context closing meanwhile waits here, and closes the database only after
        container = null;
    }

    @Override
    public void start() {
        // the worker command starts taking requests; nothing to do when the context starts
    }

    @Override
    public boolean isRunning() {
        return container != null;
    }

    /** Stopped with the runs, before the web server and the database. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    /** Runs the partition a request names, unless it has ended or a live worker runs it. */
    public Outcome handle(StepExecutionRequest request) {
        StepExecution execution;
        try {
            execution = repository.getStepExecution(request.getStepExecutionId());
        } catch (org.springframework.dao.EmptyResultDataAccessException e) {
            execution = null;
        }
        if (execution == null) {
            // dropped, not requeued: a request nobody can run would come back for ever
            log.warn("worker: no partition {} in the job repository; request dropped", request.getStepExecutionId());
            return Outcome.UNKNOWN;
        }
        if (!execution.getStatus().isRunning() && execution.getStatus() != BatchStatus.STARTING) {
            log.info("worker: partition {} ({}) has already ended {}; request dropped", execution.getId(), execution.getStepName(),
                    execution.getStatus());
            return Outcome.ALREADY_ENDED;
        }
        Step step = partitions.worker(request.getStepName()).orElse(null);
        if (step == null) {
            log.warn("worker: no step named {} here; request dropped", request.getStepName());
            return Outcome.UNKNOWN;
        }
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(true);
            if (!Advisory.PARTITION.tryLock(lock, execution.getId())) {
                log.info("worker: partition {} is being run by another worker; request dropped", execution.getId());
                return Outcome.HELD_BY_ANOTHER;
            }
            try {
                // read again under the lock: it may have ended between the first read and the lock
                StepExecution current = repository.getStepExecution(execution.getId());
                if (!current.getStatus().isRunning() && current.getStatus() != BatchStatus.STARTING) {
                    return Outcome.ALREADY_ENDED;
                }
                log.info("worker: running partition {} ({})", current.getId(), current.getStepName());
                System.err.println("ofuku worker: running partition " + current.getId() + " (" + current.getStepName() + ")");
                try {
                    step.execute(current);
                } catch (Throwable e) {
                    current.addFailureException(e);
                    current.setStatus(BatchStatus.FAILED);
                    repository.update(current);
                }
                done.incrementAndGet();
                log.info("worker: partition {} ended {}", current.getId(), current.getStatus());
                System.err.println("ofuku worker: partition " + current.getId() + " (" + current.getStepName() + ") ended "
                        + current.getStatus());
                return Outcome.RAN;
            } finally {
                Advisory.PARTITION.unlock(lock, execution.getId());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the database could not be reached for partition " + execution.getId(), e);
        }
    }
}
