package jp.ofuku.ops;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * When the process is asked to end (Ctrl-C, kill -TERM, systemd stopping the service), the runs
 * it is running are asked to stop: a read within a second even in the middle of a file (which
 * stays in the inbox, read again when the run is carried on), other runs at the end of their
 * current step — a print file written, a stage of the nightly, a few seconds — and the process
 * waits for them (at most {@code ofuku.stop-wait}, default 10 minutes) before it closes the database. They end STOPPED,
 * with everything done kept, and {@code restart} carries them on. A kill -9 or a power cut skips
 * this; the run is then found abandoned and carried on the same way.
 */
@Component
public class GracefulStop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

    private final RunOwnership ownership;
    private final ObjectProvider<JobOperator> operator;
    private final Duration wait;
    private volatile boolean running;

    public GracefulStop(RunOwnership ownership, ObjectProvider<JobOperator> operator,
            @org.springframework.beans.factory.annotation.Value("${ofuku.stop-wait:10m}") Duration wait) {
        this.ownership = ownership;
        this.operator = operator;
        this.wait = wait;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        var runs = ownership.running();
        if (runs.isEmpty()) {
            return;
        }
        for (long id : runs) {
            try {
                operator.getObject().stop(id);
                System.err.println("ofuku: asked run " + id + " to stop at the end of its current step; waiting for it"
                        + " (carry it on later with: scripts/ofuku restart " + id + ")");
                log.warn("shutting down: asked run {} to stop at the end of its current step", id);
            } catch (Exception e) {
                log.info("run {} could not be asked to stop: {}", id, e.getMessage());
            }
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (!ownership.running().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!ownership.running().isEmpty()) {
            log.warn("runs {} did not stop within {}; the process ends anyway and they will be found abandoned", ownership.running(), wait);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped first, before the web server and the database. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
