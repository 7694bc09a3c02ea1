package jp.ofuku.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL that ofuku runs when no server is configured.
 *
 * <p>Only one ofuku process may own a data directory: the owner holds an OS file lock on
 * {@code <dataDir>.lock} for its whole life, and a second command is refused with a message
 * naming the owner. A postmaster left running by an owner that was killed (kill -9, power
 * cut) is shut down before a new one starts, so the next command always recovers.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration ORPHAN_SHUTDOWN_WAIT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(Path dataDir, FileChannel lockChannel, FileLock lock, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.postgres = postgres;
    }

    /** Starts (creating on first use) the database in {@code dataDir}, or explains why it cannot. */
    public static EmbeddedDatabase start(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path lockFile = dir.resolveSibling(dir.getFileName() + ".lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(dir.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String owner = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new DatabaseBusyException("the embedded database in " + dir + " is in use by another ofuku command ("
                        + (owner.isEmpty() ? "owner unknown" : owner)
                        + "); wait for it to finish, or point OFUKU_DB_URL at a PostgreSQL server to run commands side by side");
            }
            channel.truncate(0);
            channel.write(StandardCharsets.UTF_8.encode(
                    "pid " + ProcessHandle.current().pid() + ", started " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n"), 0);
            channel.force(true);
            stopOrphanedPostmaster(dir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // the library's test defaults (-F, synchronous_commit off) lose committed work in a power cut: a
                    // later -c wins over -F, so the embedded server is as durable as any PostgreSQL server
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_wal_size", "2GB")
                    .setServerConfig("checkpoint_timeout", "15min")
                    // stopped when the application closes (after its runs have stopped), not at the first signal
                    .setRegisterShutdownHook(false)
                    .start();
            log.info("embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), dir);
            return new EmbeddedDatabase(dir, channel, lock, postgres);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("could not start the embedded database in " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // this JVM already owns it
        }
    }

    /**
     * A postmaster.pid whose process still runs while nobody holds the lock belongs to an
     * ofuku process that died without stopping its server. Fast shutdown (SIGINT) aborts its
     * orphaned backends and leaves the files consistent; PostgreSQL recovers from its WAL.
     */
    static void stopOrphanedPostmaster(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        Optional<ProcessHandle> orphan = postmasterOf(pidFile);
        if (orphan.isEmpty()) {
            return;
        }
        long pid = orphan.get().pid();
        log.warn("stopping PostgreSQL (pid {}) left running by an ofuku process that ended without stopping it", pid);
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
            kill.waitFor(10, TimeUnit.SECONDS);
            Instant deadline = Instant.now().plus(ORPHAN_SHUTDOWN_WAIT);
            while (orphan.get().isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the orphaned PostgreSQL", e);
        }
        if (orphan.get().isAlive()) {
            throw new IOException("the PostgreSQL left running in " + dir + " (pid " + pid
                    + ") did not stop within " + ORPHAN_SHUTDOWN_WAIT.toSeconds() + " s; stop it and try again");
        }
    }

    private static Optional<ProcessHandle> postmasterOf(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }

    private volatile boolean closing;

    /**
     * Runs {@code then} if the server ends while this process still uses it (killed, out of
     * memory): nothing more can be recorded, and every connection would wait for it in vain.
     */
    public void whenItEndsUnexpectedly(Runnable then) {
        try {
            postmasterOf(dataDir.resolve("postmaster.pid")).ifPresent(postmaster -> postmaster.onExit().thenRun(() -> {
                if (!closing) {
                    then.run();
                }
            }));
        } catch (IOException e) {
            log.warn("cannot watch the embedded PostgreSQL: {}", e.getMessage());
        }
    }

    /** The server's process id, as its postmaster.pid says. */
    public Optional<Long> pid() {
        try {
            return postmasterOf(dataDir.resolve("postmaster.pid")).map(ProcessHandle::pid);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        closing = true;
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("could not stop the embedded PostgreSQL cleanly: {}", e.getMessage());
        } finally {
            try {
                lock.release();
            } catch (IOException ignored) {
                // the channel close below releases it as well
            }
            closeQuietly(lockChannel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
