package jp.ofuku.web;

import java.time.LocalDate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import jp.ofuku.booking.Allocation;
import jp.ofuku.nightly.Nightly;
import jp.ofuku.ops.JobRunAudit;

/**
 * Job runs started from the console or the scheduler: one at a time, in the background, so a
 * page never waits for a night's work; each run is recorded as started by whoever asked.
 */
@Component
public class ConsoleRuns implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsoleRuns.class);

    private final Nightly nightly;
    private final jp.ofuku.ops.RunControl runs;
    private final Allocation allocation;
    private final jp.ofuku.nightly.NightlyProperties folders;
    private final java.time.Clock clock;
    private final jp.ofuku.backup.Backups backups;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "console-runs");
        t.setDaemon(true);
        return t;
    });

    public ConsoleRuns(Nightly nightly, jp.ofuku.ops.RunControl runs, Allocation allocation, jp.ofuku.nightly.NightlyProperties folders,
            java.time.Clock clock, jp.ofuku.backup.Backups backups) {
        this.clock = clock;
        this.backups = backups;
        this.nightly = nightly;
        this.runs = runs;
        this.allocation = allocation;
        this.folders = folders;
    }

    /** Starts {@code what} (nightly, allocate, confirm, backup) in the background for {@code actor}. */
    public void start(String actor, String what) {
        start(actor, what, java.util.Map.of());
    }

    /** Jobs that can be started from the console or the scheduler. */
    public static final java.util.List<String> JOBS = java.util.List.of("nightly", "allocate", "confirm", "backup");

    /** Starts {@code what} in the background for {@code actor}; the nightly takes inbox and out from {@code parameters} when given. */
    public void start(String actor, String what, java.util.Map<String, String> parameters) {
        java.util.concurrent.Callable<Object> work = switch (what) {
            case "nightly" -> parameters.isEmpty() ? () -> nightly.run(LocalDate.now(clock))
                    : () -> nightly.run(LocalDate.now(clock), java.nio.file.Path.of(parameters.getOrDefault("inbox", folders.inbox())),
                            java.nio.file.Path.of(parameters.getOrDefault("out", folders.out())));
            case "allocate" -> allocation::run;
            // confirmations and the desk's change letters, into the nightly's folder for them
            case "confirm" -> () -> allocation.confirm(java.nio.file.Path.of(parameters.getOrDefault("out", folders.out())).resolve("confirm"));
            // a consistent snapshot while the console and its runs go on, into a new dated folder; older ones pruned
            case "backup" -> () -> backups.scheduled(java.nio.file.Path.of(parameters.getOrDefault("to", "backups")),
                    Integer.parseInt(parameters.getOrDefault("keep-daily", "7")),
                    Integer.parseInt(parameters.getOrDefault("keep-weekly", "4")));
            default -> throw new IllegalArgumentException("no such job to start: " + what);
        };
        inBackground(actor, what, work);
    }

    /** Carries on a failed or stopped run in the background. */
    public void restart(String actor, long executionId) {
        inBackground(actor, "restart of run " + executionId, () -> runs.restart(executionId));
    }

    private void inBackground(String actor, String what, java.util.concurrent.Callable<?> work) {
        worker.submit(() -> {
            try {
                JobRunAudit.as(actor, work);
            } catch (Exception e) {
                log.warn("{} asked by {} did not run: {}", what, actor, e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
