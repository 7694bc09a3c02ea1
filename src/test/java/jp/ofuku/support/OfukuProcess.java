package jp.ofuku.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The packaged ofuku jar run as a separate process, as an operator or cron runs it, with its
 * own data folder. Used to kill a run with SIGKILL and to start two commands at once.
 */
public final class OfukuProcess {

    /** The jar as the build unpacked it, and the class archive of its start-up: as scripts/ofuku runs it. */
    private static final Path JAR = Path.of("target", "ofuku", "ofuku.jar");
    private static final Path CLASSES = Path.of("target", "ofuku", "ofuku.jsa");

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private final String command;
    private final Instant started = Instant.now();

    private OfukuProcess(Process process, Path stdout, Path stderr, String command) {
        this.command = command;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static OfukuProcess start(Path dataDir, String... args) throws IOException {
        return start(dataDir, java.util.Map.of(), args);
    }

    /** Starts ofuku with extra environment variables (e.g. OFUKU_DB_URL for a PostgreSQL server). */
    public static OfukuProcess start(Path dataDir, java.util.Map<String, String> env, String... args) throws IOException {
        return startIn(null, dataDir, env, args);
    }

    /** Runs a command to its end in {@code workingDir} (where it writes what it writes under a relative path). */
    public static OfukuProcess runIn(Path workingDir, Path dataDir, String... args) throws IOException, InterruptedException {
        OfukuProcess p = startIn(workingDir, dataDir, java.util.Map.of(), args);
        p.waitFor();
        return p;
    }

    private static OfukuProcess startIn(Path workingDir, Path dataDir, java.util.Map<String, String> env, String... args)
            throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: integration tests run after 'mvn package'");
        }
        if (!Files.exists(dataDir)) {
            // as ofuku makes its data folder: open to its user and group only (a folder open to others is closed, and said)
            Files.createDirectories(dataDir.toAbsolutePath().getParent());
            Files.createDirectory(dataDir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---")));
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:SharedArchiveFile=" + CLASSES.toAbsolutePath(), "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-Xmx1g", "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dataDir, "stdout", ".txt");
        Path err = Files.createTempFile(dataDir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        builder.environment().put("OFUKU_DATA_DIR", dataDir.toAbsolutePath().toString());
        builder.environment().remove("OFUKU_DB_URL");
        builder.environment().putAll(env);
        return new OfukuProcess(builder.start(), out, err, String.join(" ", args));
    }

    /** Runs to the end (at most five minutes) and returns the exit code. */
    public int waitFor() throws InterruptedException {
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("ofuku did not finish within five minutes; stderr: " + stderr());
        }
        // where an IT spends its time, in its report's output
        System.out.printf(java.util.Locale.ROOT, "ofuku %s: exit %d after %.1f s%n", command, process.exitValue(),
                Duration.between(started, Instant.now()).toMillis() / 1000.0);
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs, the embedded PostgreSQL is left behind as after a crash. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as Ctrl-C or systemd would send: shutdown hooks run. Waits for the process to end. */
    public int term() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("ofuku did not end within five minutes of SIGTERM; stderr: " + stderr());
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Runs a command to its end and returns it, for its exit code and output. */
    public static OfukuProcess run(Path dataDir, String... args) throws IOException, InterruptedException {
        OfukuProcess p = start(dataDir, args);
        p.waitFor();
        return p;
    }

    public int exitCode() {
        return process.exitValue();
    }

    /** A connection to the embedded PostgreSQL a running ofuku process started in {@code dataDir}. */
    public static Connection connect(Path dataDir) throws IOException, SQLException {
        List<String> pid = Files.readAllLines(dataDir.resolve("pg").resolve("postmaster.pid"));
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pid.get(3).strip() + "/postgres", "postgres", "");
    }

    /** A count from the embedded database a running process owns; 0 while the server or its tables are not there yet. */
    public static long queryCount(Path dataDir, String sql) {
        try (Connection c = connect(dataDir); java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (IOException | SQLException notYet) {
            return 0;
        }
    }

    /** Polls until the condition holds or the process ends; true when it held. */
    public boolean awaitWhileRunning(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
