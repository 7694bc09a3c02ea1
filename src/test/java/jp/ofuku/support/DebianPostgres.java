package jp.ofuku.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server from Debian's own packages (postgresql-15, installed by scripts/setup),
 * started by hand in a folder of the test's: initdb, pg_ctl start on loopback, a database for
 * ofuku. PostgreSQL will not run as root: when the test runs as root the server runs as the
 * postgres user the package created.
 */
public final class DebianPostgres implements AutoCloseable {

    private final Path bin;
    private final Path data;
    private final Path dir;
    private final int port;

    private DebianPostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
    }

    /** Debian's PostgreSQL {@code major}'s programs, if installed. */
    public static Path programs(int major) {
        return Path.of("/usr/lib/postgresql", Integer.toString(major), "bin");
    }

    /**
     * Starts a new cluster in a folder of its own under the temporary folder (one the postgres
     * user can reach), with a database named ofuku: trust authentication, loopback only.
     */
    public static DebianPostgres start(int major) throws IOException, InterruptedException {
        Path bin = programs(major);
        if (!Files.isExecutable(bin.resolve("pg_ctl"))) {
            throw new IllegalStateException("PostgreSQL " + major + " is not installed (" + bin + "): run scripts/setup");
        }
        Path dir = Files.createTempDirectory("ofuku-pg" + major + "-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        DebianPostgres server = new DebianPostgres(bin, dir, port);
        if (root()) {
            run(List.of("chown", "-R", "postgres", dir.toString()));
        }
        server.as(List.of(bin.resolve("initdb").toString(), "-D", server.data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                "--locale=C.UTF-8"));
        server.as(List.of(bin.resolve("pg_ctl").toString(), "-D", server.data.toString(), "-w", "-l", dir.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start"));
        server.as(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres", "-c",
                "CREATE DATABASE ofuku"));
        return server;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/ofuku";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        as(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
        run(List.of("rm", "-rf", dir.toString()));
    }

    private void as(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (root()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }
}
