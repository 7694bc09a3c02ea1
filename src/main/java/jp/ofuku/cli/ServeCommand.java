package jp.ofuku.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import jp.ofuku.web.ConsoleUsers;
import jp.ofuku.web.JobSchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the web console (dashboard, review queue, job runs, residents, users, audit log; Japanese and",
                "English) and the scheduler of the jobs in jobs/*.yaml, until stopped (Ctrl-C, or kill -TERM). Sign-in is",
                "required; create the first supervisor with: scripts/ofuku user add NAME --role supervisor"},
        footer = {"", "Example:", "  scripts/ofuku serve --port 8080"})
class ServeCommand implements Callable<Integer> {

    @ParentCommand
    OfukuCommand ofuku;

    @Option(names = "--port", description = "the port to listen on (default: OFUKU_PORT, or 8080)")
    Integer port;

    @Option(names = "--address", description = "the address to listen on (default: OFUKU_ADDRESS, or 127.0.0.1: this machine"
            + " only; 0.0.0.0 for every network, behind a TLS reverse proxy)")
    String address;

    @Option(names = "--jobs", defaultValue = "jobs", description = "the folder of scheduled jobs (default: ${DEFAULT-VALUE})")
    Path jobs;

    @Override
    public Integer call() throws Exception {
        List<JobSchedule.Entry> entries;
        try {
            entries = JobSchedule.read(jobs);
        } catch (IllegalArgumentException e) {
            throw new OfukuCommand.UserError("serve refused: " + e.getMessage());
        }
        System.setProperty("spring.main.web-application-type", "servlet");
        if (port != null) {
            System.setProperty("server.port", port.toString());
        }
        if (address != null) {
            System.setProperty("server.address", address.strip());
        }
        ConsoleUsers users = ofuku.bean(ConsoleUsers.class);
        if (users.supervisors() == 0) {
            throw new OfukuCommand.UserError("nobody can sign in yet: create the first supervisor with"
                    + " scripts/ofuku user add NAME --role supervisor, then run serve again");
        }
        List<String> scheduled = ofuku.bean(JobSchedule.class).start(entries);
        org.springframework.core.env.Environment environment = ofuku.bean(org.springframework.core.env.Environment.class);
        String listening = environment.getProperty("local.server.port", "8080");
        String on = environment.getProperty("server.address", "127.0.0.1");
        System.out.println("ofuku console: http://" + (on.contains(":") ? "[" + on + "]" : on) + ":" + listening + "/  (Ctrl-C stops it)");
        if (!java.net.InetAddress.getByName(on).isLoopbackAddress()) {
            System.out.println("  It can be reached from the network over plain HTTP: passwords and residents' data cross it"
                    + " unencrypted. Put it behind a reverse proxy serving HTTPS (README, \"The console\"), or listen on"
                    + " 127.0.0.1 only.");
        }
        System.out.println(scheduled.isEmpty() ? "No scheduled jobs (" + jobs + "/*.yaml)." : "Scheduled jobs:");
        scheduled.forEach(s -> System.out.println("  " + s));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
        stopped.await();
        return 0;
    }
}
