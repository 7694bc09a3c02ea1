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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jp.ofuku.ops.Refusal;

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

    private final PointInTime pointInTime;

    private EmbeddedDatabase(Path dataDir, FileChannel lockChannel, FileLock lock, EmbeddedPostgres postgres, PointInTime pointInTime) {
        this.pointInTime = pointInTime;
        this.dataDir = dataDir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.postgres = postgres;
    }

    /** Starts (creating on first use) the database in {@code dataDir}, or explains why it cannot; no WAL archived. */
    public static EmbeddedDatabase start(Path dataDir) {
        return start(dataDir, null);
    }

    /**
     * Starts the database in {@code dataDir}, archiving its WAL into {@code walArchive} (null: not
     * archived). A data folder prepared by {@link PointInTime#prepareRecovery} is first recovered:
     * this returns once the archive is replayed and the server is open for work.
     */
    public static EmbeddedDatabase start(Path dataDir, Path walArchive) {
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
            PointInTime pit = new PointInTime(dir, walArchive == null ? null : walArchive.toAbsolutePath().normalize());
            boolean recovering = Files.exists(dir.resolve("recovery.signal"));
            if (pit.archiving()) {
                Files.createDirectories(pit.archive());
            }
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    // a recovery replays the archive before it takes connections
                    .setPGStartupWait(recovering ? RECOVERY_WAIT : Duration.ofSeconds(60))
                    // the library's test defaults (-F, synchronous_commit off) lose committed work in a power cut: a
                    // later -c wins over -F, so the embedded server is as durable as any PostgreSQL server
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_wal_size", "2GB")
                    .setServerConfig("checkpoint_timeout", "15min")
                    // archive_command is set once the server runs (its quoting is SQL's, not pg_ctl's); a segment is
                    // archived when full, at the latest 5 minutes after it was begun, and when ofuku closes the database
                    .setServerConfig("archive_mode", pit.archiving() ? "on" : "off")
                    .setServerConfig("archive_timeout", "300")
                    // stopped when the application closes (after its runs have stopped), not at the first signal
                    .setRegisterShutdownHook(false)
                    .start();
            log.info("embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), dir);
            EmbeddedDatabase database = new EmbeddedDatabase(dir, channel, lock, postgres, pit);
            try {
                if (recovering) {
                    database.awaitRecovery();
                }
                database.archiveInto();
            } catch (SQLException | IOException | RuntimeException e) {
                database.close();
                if (recovering && Files.exists(dir.resolve(PointInTime.RESTORING))) {
                    // laid from a base copy into an empty folder by a restore and never opened for work: taken away again, so
                    // the restore can be tried again as it was
                    FileSystemUtils.deleteRecursively(dir);
                }
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException("the embedded database in " + dir + " could not be set up: " + e.getMessage(), e);
            }
            return database;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("could not start the embedded database in " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static final Duration RECOVERY_WAIT = Duration.ofHours(2);

    private Connection connect() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    private void archiveInto() throws SQLException {
        if (!pointInTime.archiving()) {
            return;
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET archive_command = " + PointInTime.literal(pointInTime.archiveCommand()));
            s.execute("SELECT pg_reload_conf()");
        }
    }

    /** Waits while the server replays the archive; it opens for work at the moment asked for, or ends if the archive stops short. */
    private void awaitRecovery() throws SQLException, IOException {
        Instant deadline = Instant.now().plus(RECOVERY_WAIT);
        while (true) {
            try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    PointInTime.forgetRecovery(c);
                    Files.deleteIfExists(dataDir.resolve(PointInTime.RESTORING));
                    log.info("the embedded database in {} is recovered and open for work", dataDir);
                    return;
                }
            } catch (SQLException e) {
                log.debug("the recovery goes on ({})", e.getMessage());
                if (pid().isEmpty()) {
                    throw new Refusal("the replay ended before the moment asked for: the WAL archive " + pointInTime.archive()
                            + " holds no change made after it (on its newest line of history: each point-in-time restore begins a"
                            + " new one); the data folder is left empty again: restore with an earlier --until, or with --until"
                            + " latest (everything the archive holds)");
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the recovery of " + dataDir + " did not end within " + RECOVERY_WAIT.toHours() + " hours");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the database was being recovered", e);
            }
        }
    }

    /**
     * Archives the segment being written, and waits (at most a minute) until it is: everything a
     * command did is in the archive when it ends, not only after the next five minutes of work.
     */
    private void archiveTheLastSegment() {
        if (!pointInTime.archiving()) {
            return;
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            String segment;
            try (ResultSet rs = s.executeQuery("SELECT pg_walfile_name(pg_switch_wal())")) {
                rs.next();
                segment = rs.getString(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT pg_walfile_name(pg_current_wal_insert_lsn())")) {
                rs.next();
                if (rs.getString(1).equals(segment)) {
                    return; // nothing written since the last switch: every segment with work in it is already on its way
                }
            }
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet rs = s.executeQuery("SELECT last_archived_wal, last_failed_wal, last_failed_time > coalesce(last_archived_time,"
                        + " '-infinity') FROM pg_stat_archiver")) {
                    rs.next();
                    String archived = rs.getString(1);
                    if (archived != null && archived.substring(0, Math.min(24, archived.length())).compareTo(segment) >= 0) {
                        return;
                    }
                    if (rs.getBoolean(3)) {
                        log.warn("WAL segment {} could not be archived into {}: is its disk full or gone? PostgreSQL keeps it and tries"
                                + " again; until then a point-in-time restore ends before it", rs.getString(2), pointInTime.archive());
                        return;
                    }
                }
                Thread.sleep(100);
            }
            log.warn("WAL segment {} was not archived into {} within a minute; PostgreSQL keeps it and archives it later", segment,
                    pointInTime.archive());
        } catch (SQLException e) {
            log.warn("could not archive the last WAL segment: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where the WAL goes, and the base copy a backup takes. */
    public PointInTime pointInTime() {
        return pointInTime;
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
        if (!closing && pid().isPresent()) {
            archiveTheLastSegment();
        }
        closing = true;
        try {
            if (pid().isPresent()) {
                postgres.close();
            }
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
