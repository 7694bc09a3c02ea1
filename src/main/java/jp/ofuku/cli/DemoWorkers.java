package jp.ofuku.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * For {@code demo --workers N}: a RabbitMQ of the project's own (scripts/broker) and N worker
 * JVMs ({@code ofuku worker}) that take the demo's print and read partitions, sharing the demo's
 * embedded PostgreSQL as a server and its data folder. All of it is stopped when the demo ends.
 */
final class DemoWorkers implements AutoCloseable {

    private final Path root;
    private final List<Process> workers = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    private DemoWorkers(Path root) {
        this.root = root;
    }

    /** Starts the broker; returns its URL, to be set before the demo's own context starts. */
    static DemoWorkers broker(Path root) {
        return new DemoWorkers(root);
    }

    String startBroker() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(root.resolve("scripts").resolve("broker").toString(), "start")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String url = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0 || !url.startsWith("amqp://")) {
            throw new OfukuCommand.UserError("demo --workers: RabbitMQ did not start (scripts/broker start); run the demo"
                    + " without --workers, or see data/rabbitmq-5672/");
        }
        return url;
    }

    /** Starts {@code n} workers on the demo's database and broker; waits until each takes partitions. */
    void start(int n, String jdbcUrl, String brokerUrl, Path dataDir) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = System.getProperty("java.class.path");
        Files.createDirectories(dataDir.resolve("logs"));
        for (int i = 1; i <= n; i++) {
            Path log = dataDir.resolve("logs").resolve("demo-worker-" + i + ".log");
            // as this JVM was started (scripts/ofuku's class archive, a heap size), on the same jar
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(List.of("-jar", jar, "worker"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("OFUKU_DB_URL", jdbcUrl);
            builder.environment().put("OFUKU_DB_USER", "postgres");
            builder.environment().put("OFUKU_DB_PASSWORD", "");
            builder.environment().put("OFUKU_BROKER_URL", brokerUrl);
            builder.environment().put("OFUKU_DATA_DIR", dataDir.toAbsolutePath().toString());
            workers.add(builder.start());
            logs.add(log);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        for (int i = 0; i < n; i++) {
            while (!Files.readString(logs.get(i)).contains("waiting for partitions")) {
                if (!workers.get(i).isAlive() || System.nanoTime() > deadline) {
                    throw new OfukuCommand.UserError("demo --workers: worker " + (i + 1) + " did not start; see " + logs.get(i));
                }
                Thread.sleep(200);
            }
        }
        System.out.println(n + " worker JVMs take the print and read partitions over RabbitMQ (their logs: "
                + dataDir.resolve("logs") + "/demo-worker-*.log)");
    }

    /** How many partitions each worker ran, as its log says. */
    List<Long> partitionsRun() throws IOException {
        List<Long> ran = new ArrayList<>();
        for (Path log : logs) {
            ran.add(Files.readAllLines(log).stream().filter(l -> l.contains("ofuku worker: partition") && l.contains(" ended ")).count());
        }
        return ran;
    }

    @Override
    public void close() throws Exception {
        for (Process w : workers) {
            w.destroy();
        }
        for (Process w : workers) {
            if (!w.waitFor(2, TimeUnit.MINUTES)) {
                w.destroyForcibly();
            }
        }
        new ProcessBuilder(root.resolve("scripts").resolve("broker").toString(), "stop").inheritIO().start().waitFor();
    }
}
