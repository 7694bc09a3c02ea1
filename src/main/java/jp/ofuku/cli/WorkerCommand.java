package jp.ofuku.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Runs partitions of the print and read steps that a manager (invite, confirm, new dates, read, nightly)",
                "sends over RabbitMQ, one at a time, until stopped (Ctrl-C, or kill -TERM). Needs OFUKU_BROKER_URL (the broker,",
                "amqp://user:password@host:5672) and OFUKU_DB_URL (the PostgreSQL server the manager uses too); the print,",
                "inbox, archive and quarantine folders must be the manager's own (one file system every worker sees), and so",
                "must the reply-form key (OFUKU_LETTERS_FORM_KEY, or the same OFUKU_DATA_DIR). A worker killed mid-partition",
                "loses nothing: its partition is delivered again and carried on where it stopped. See docs/scale.md."},
        footer = {"", "Example:", "  OFUKU_BROKER_URL=amqp://guest:guest@127.0.0.1:5672 OFUKU_DB_URL=jdbc:postgresql://db/ofuku \\",
                "    scripts/ofuku worker"})
class WorkerCommand implements Callable<Integer> {

    @ParentCommand
    OfukuCommand ofuku;

    @picocli.CommandLine.Option(names = "--threads", description = "partitions run at once, each on a thread of its own"
            + " (default: one per core, ${DEFAULT-VALUE} here)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        String broker = System.getenv().getOrDefault("OFUKU_BROKER_URL", System.getProperty("ofuku.broker.url", ""));
        if (broker.isBlank()) {
            throw new OfukuCommand.UserError("worker refused: OFUKU_BROKER_URL is not set (amqp://user:password@host:5672);"
                    + " without a broker the partitions run as threads of the command itself and need no worker");
        }
        if (ofuku.bean(jp.ofuku.database.DatabaseProperties.class).embedded()) {
            throw new OfukuCommand.UserError("worker refused: OFUKU_DB_URL is not set; a worker needs the PostgreSQL server"
                    + " the manager uses (the embedded database belongs to one process)");
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        long ran = ofuku.bean(jp.ofuku.ops.PartitionWorker.class).run(stop, threads);
        System.err.println("ofuku worker: stopped after " + ran + " partition(s)");
        return 0;
    }
}
