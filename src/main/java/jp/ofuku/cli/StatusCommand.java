package jp.ofuku.cli;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;

import jp.ofuku.ops.StaleRuns;
import jp.ofuku.ops.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Counts per table and the last job runs.",
        footer = {"", "Examples:", "  scripts/ofuku status", "  scripts/ofuku status --json"})
class StatusCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @ParentCommand
    private OfukuCommand ofuku;

    @Option(names = "--json", description = "print JSON for machines")
    private boolean json;

    @Option(names = "--runs", defaultValue = "10", description = "how many of the last job runs to show (default ${DEFAULT-VALUE})")
    private int runs;

    @Override
    public Integer call() {
        ofuku.bean(StaleRuns.class).sweep();
        StatusReport.Status status = ofuku.bean(StatusReport.class).read(runs);
        if (json) {
            System.out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(status));
            return 0;
        }
        print(status, ofuku.bean(java.time.Clock.class).getZone());
        return 0;
    }

    static void print(StatusReport.Status status, java.time.ZoneId zone) {
        var c = status.counts();
        System.out.println("Registry");
        System.out.printf(Locale.ROOT, "  residents   %,10d  (%,d active, %,d moved out, %,d deceased; %,d changes recorded)%n",
                c.get("residents"), c.get("residents.active"), c.get("residents.moved_out"), c.get("residents.deceased"),
                c.get("resident_changes"));
        System.out.printf(Locale.ROOT, "  districts   %,10d%n", c.get("districts"));
        System.out.printf(Locale.ROOT, "  sites       %,10d%n", c.get("sites"));
        System.out.printf(Locale.ROOT, "  sessions    %,10d  (%,d still to come; %,d places in all)%n", c.get("sessions"),
                c.get("sessions.future"), c.get("sessions.capacity"));
        System.out.println("Invitations");
        System.out.printf(Locale.ROOT, "  letters     %,10d  (%,d printed in %,d print file(s), %,d waiting to print, %,d held as exceptions)%n",
                c.get("invitations"), c.get("invitations.printed"), c.get("print_files"), c.get("invitations.planned"),
                c.get("invitations.exception"));
        System.out.println("Replies");
        System.out.printf(Locale.ROOT, "  files       %,10d  (%,d quarantined)%n", c.get("received_files"),
                c.get("received_files.quarantined"));
        System.out.printf(Locale.ROOT, "  replies     %,10d  (%,d superseded by a later reply)%n", c.get("replies.accepted"),
                c.get("replies.superseded"));
        System.out.printf(Locale.ROOT, "  to review   %,10d%s%n", c.get("review_items.open"),
                c.get("review_items.open") > 0 ? "  (scripts/ofuku review list)" : "");
        System.out.println("Bookings");
        System.out.printf(Locale.ROOT, "  booked      %,10d  (%,d next doses; %,d confirmation letters printed)%n", c.get("bookings.first"),
                c.get("bookings.next"), c.get("confirmations.printed"));
        System.out.printf(Locale.ROOT, "  new dates   %,10d  waiting (none of their dates had room, or they asked for others)%s%n",
                c.get("allocations.waiting"), c.get("allocations.waiting") > 0 ? ": scripts/ofuku confirm" : "");
        System.out.printf(Locale.ROOT, "  declined    %,10d%n", c.get("declines"));
        StatusReport.WalArchive wal = status.walArchive();
        System.out.println("Safety");
        if (!wal.on()) {
            System.out.println("  WAL archive  off: a restore goes back to the last backup only (OFUKU_WAL_ARCHIVE; docs/reliability.md)");
        } else if (wal.failing()) {
            System.out.println("  WAL archive  FAILING since " + TIME.format(wal.lastFailedAt().atZoneSameInstant(zone)) + ": segment "
                    + wal.lastFailed() + " could not be archived. Is the archive's disk full or unmounted? PostgreSQL keeps the WAL"
                    + " until it can: mend it before that fills the database's disk");
        } else {
            System.out.println("  WAL archive  on" + (wal.lastArchived() == null ? ", nothing archived since the database started"
                    : ", last segment archived " + TIME.format(wal.lastArchivedAt().atZoneSameInstant(zone))));
        }
        System.out.println();
        if (status.runs().isEmpty()) {
            System.out.println("No job has run yet. Start with: scripts/ofuku import districts FILE");
            return;
        }
        System.out.println("Last job runs");
        System.out.printf("  %6s  %-22s  %-9s  %-19s  %8s  %s%n", "id", "job", "status", "started", "took", "message");
        for (StatusReport.Run run : status.runs()) {
            String took = run.started() == null || run.ended() == null ? "" : seconds(Duration.between(run.started(), run.ended()));
            System.out.printf("  %6d  %-22s  %-9s  %-19s  %8s  %s%n", run.executionId(), run.job(), run.status(),
                    run.started() == null ? "" : TIME.format(run.started()), took, run.message());
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
