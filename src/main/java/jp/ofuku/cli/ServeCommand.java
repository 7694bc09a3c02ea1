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
        ConsoleUsers users = ofuku.bean(ConsoleUsers.class);
        if (users.supervisors() == 0) {
            throw new OfukuCommand.UserError("nobody can sign in yet: create the first supervisor with"
                    + " scripts/ofuku user add NAME --role supervisor, then run serve again");
        }
        List<String> scheduled = ofuku.bean(JobSchedule.class).start(entries);
        String listening = ofuku.bean(org.springframework.core.env.Environment.class).getProperty("local.server.port", "8080");
        System.out.println("ofuku console: http://localhost:" + listening + "/  (Ctrl-C stops it)");
        System.out.println(scheduled.isEmpty() ? "No scheduled jobs (" + jobs + "/*.yaml)." : "Scheduled jobs:");
        scheduled.forEach(s -> System.out.println("  " + s));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
        stopped.await();
        return 0;
    }
}
