package jp.ofuku.web;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The scheduler of {@code serve}: one YAML file per job in the jobs folder (see jobs/README.md),
 * each with its cron, its parameters and whether it is enabled. A file that cannot be
 * understood stops serve with a message naming it, rather than a job silently never running.
 */
@Component
public class JobSchedule implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobSchedule.class);

    /** One scheduled job, as its file says. */
    public record Entry(String file, String job, String cron, boolean enabled, Map<String, String> parameters) {
    }

    private final ConsoleRuns runs;
    /** Cron times are ofuku's zone's (ofuku.zone), whatever the host's. */
    private final java.time.Clock clock;
    private ThreadPoolTaskScheduler scheduler;

    public JobSchedule(ConsoleRuns runs, java.time.Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    /** Reads every *.yaml file of {@code folder}; throws IllegalArgumentException naming a file that is wrong. */
    public static List<Entry> read(Path folder) throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return entries;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().matches(".+\\.ya?ml")).sorted().toList();
        }
        for (Path file : files) {
            Object loaded;
            try (Reader in = Files.newBufferedReader(file)) {
                loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
            }
            if (!(loaded instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(file + " should hold job, cron, enabled and parameters (see jobs/README.md)");
            }
            String job = String.valueOf(map.get("job"));
            if (!ConsoleRuns.JOBS.contains(job)) {
                throw new IllegalArgumentException(file + ": job is " + job + "; it must be one of " + ConsoleRuns.JOBS);
            }
            String cron = String.valueOf(map.get("cron")).strip();
            if (cron.split("\\s+").length == 5) {
                cron = "0 " + cron; // the usual five fields of crontab: at the start of the minute
            }
            if (!CronExpression.isValidExpression(cron)) {
                throw new IllegalArgumentException(file + ": cron '" + map.get("cron") + "' is not a cron expression"
                        + " (minute hour day month weekday, e.g. '0 3 * * *' for 03:00 every day)");
            }
            Object enabled = map.containsKey("enabled") ? map.get("enabled") : Boolean.TRUE;
            if (!(enabled instanceof Boolean)) {
                throw new IllegalArgumentException(file + ": enabled must be true or false, not " + enabled);
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            if (map.get("parameters") instanceof Map<?, ?> p) {
                p.forEach((k, v) -> parameters.put(String.valueOf(k), String.valueOf(v)));
            } else if (map.get("parameters") != null) {
                throw new IllegalArgumentException(file + ": parameters must be a map (name: value)");
            }
            List<String> known = job.equals("backup") ? List.of("to", "keep-daily", "keep-weekly") : List.of("inbox", "out");
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                String key = parameter.getKey();
                if (!known.contains(key)) {
                    throw new IllegalArgumentException(file + ": unknown parameter " + key + " (" + job + " takes " + String.join(", ", known)
                            + ")");
                }
                if (key.startsWith("keep-") && !parameter.getValue().matches("[1-9][0-9]{0,3}|0")) {
                    throw new IllegalArgumentException(file + ": " + key + " must be a number of backups to keep, not " + parameter.getValue());
                }
            }
            entries.add(new Entry(file.getFileName().toString(), job, cron, (Boolean) enabled, parameters));
        }
        return entries;
    }

    /** Schedules every enabled entry; returns them all, with the next time each runs. */
    public synchronized List<String> start(List<Entry> entries) {
        close();
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("schedule-");
        scheduler.setPoolSize(1);
        scheduler.initialize();
        List<String> lines = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.enabled()) {
                lines.add(e.file() + ": " + e.job() + " (disabled)");
                continue;
            }
            scheduler.schedule(() -> {
                log.info("scheduled {} from {} starting", e.job(), e.file());
                runs.start("scheduler:" + e.file(), e.job(), e.parameters());
            }, new CronTrigger(e.cron(), clock.getZone()));
            lines.add(e.file() + ": " + e.job() + " at '" + e.cron() + "', next " + CronExpression.parse(e.cron())
                    .next(java.time.ZonedDateTime.now(clock)).toLocalDateTime().withNano(0).toString().replace('T', ' '));
        }
        return lines;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }
}
