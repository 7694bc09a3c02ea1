package jp.ofuku.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import jp.ofuku.invite.Cohort;
import jp.ofuku.invite.CohortPreview;
import jp.ofuku.invite.Invitations;
import jp.ofuku.ops.StatusReport;
import jp.ofuku.registry.RegistryImport;
import jp.ofuku.registry.RegistryImport.ImportReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The round trip on the sample municipality in samples/: import its districts, sites, sessions "
                + "and residents (UTF-8, then the same residents in windows-31j, which changes nothing), invite every "
                + "active resident (print files in out/demo/print), let 30 %% of them reply by scan and fax and read those "
                + "replies, book them and print confirmations; then the desk: a cancellation, a move, a telephone booking, "
                + "a cancelled session and a death in the registry, each told by a change letter; then show the status.",
                "Safe to run again: every step is idempotent."})
class DemoCommand implements Callable<Integer> {

    @ParentCommand
    private OfukuCommand ofuku;

    @Option(names = "--samples", defaultValue = "samples", description = "the sample folder (default: ${DEFAULT-VALUE})")
    private Path samples;

    @Option(names = "--workers", defaultValue = "0", description = "print and read in this many worker JVMs over a local RabbitMQ"
            + " (scripts/broker), as a scale-out does (default: ${DEFAULT-VALUE}: threads of this process)")
    private int workers;

    @Override
    public Integer call() throws Exception {
        if (workers <= 0) {
            return roundTrip();
        }
        Path root = Path.of(System.getProperty("java.class.path")).toAbsolutePath().getParent().getParent();
        try (DemoWorkers scaleOut = DemoWorkers.broker(root)) {
            String broker = scaleOut.startBroker();
            System.setProperty("ofuku.broker.url", broker);
            var database = ofuku.bean(jp.ofuku.database.DatabaseConfiguration.EmbeddedDatabaseHolder.class).database();
            if (database == null) {
                throw new OfukuCommand.UserError("demo --workers shares the embedded PostgreSQL with its workers; unset OFUKU_DB_URL,"
                        + " or start workers yourself (scripts/ofuku worker) and run the demo without --workers");
            }
            scaleOut.start(workers, database.jdbcUrl(), broker, Path.of(System.getenv().getOrDefault("OFUKU_DATA_DIR", "data")));
            int code = roundTrip();
            System.out.println("Partitions run by each worker: " + scaleOut.partitionsRun());
            return code;
        }
    }

    private int roundTrip() throws Exception {
        List<String[]> files = List.of(new String[] {"districts", "districts.csv"}, new String[] {"sites", "sites.csv"},
                new String[] {"sessions", "sessions.csv"}, new String[] {"residents", "residents.csv"},
                new String[] {"residents", "residents-windows-31j.csv"});
        for (String[] f : files) {
            if (!Files.isRegularFile(samples.resolve(f[1]))) {
                throw new OfukuCommand.UserError(samples.resolve(f[1]) + " is missing; run the demo from the ofuku folder, "
                        + "or regenerate the samples with: scripts/ofuku samples --out samples");
            }
        }
        RegistryImport registry = ofuku.bean(RegistryImport.class);
        System.out.println("== 1. Registry: import the sample municipality from " + samples + "/");
        for (String[] f : files) {
            ImportReport report = registry.run(f[0], samples.resolve(f[1]), "auto", false);
            ImportCommand.print(report);
            if (!report.loaded()) {
                throw new OfukuCommand.UserError("demo stopped: " + report.outcome());
            }
        }
        ensureFutureSessions(registry);
        System.out.println();
        invite();
        System.out.println();
        postBackAndRead();
        System.out.println();
        allocateAndConfirm();
        System.out.println();
        desk();
        System.out.println();
        System.out.println("== Status");
        StatusCommand.print(ofuku.bean(StatusReport.class).read(8), ofuku.bean(java.time.Clock.class).getZone());
        System.out.println();
        System.out.println("Demo done.");
        System.out.println("  letters to print (PDF + manifest per file): " + OUT.resolve("print") + "/");
        System.out.println("  replies read: " + OUT.resolve("replies.csv") + " (what residents marked: " + OUT.resolve("replies-truth.csv") + ")");
        System.out.println("  bookings: " + OUT.resolve("bookings.csv") + " (status: booked, cancelled, attended, no_show)");
        System.out.println("  the desk's change letters: " + OUT.resolve("print").resolve("confirm") + "/change-*");
        System.out.println("  confirmations and new-dates letters: " + OUT.resolve("print").resolve("confirm") + "/ and "
                + OUT.resolve("print").resolve("demo-new-dates") + "/");
        System.out.println("  run reports: " + OUT.resolve("print") + "/*report*");
        System.out.println("  database: data/pg (kept between runs); log: data/logs/ofuku.log");
        System.out.println("  web console: scripts/ofuku serve, then http://localhost:8080/ — " + demoConsoleUser());
        System.out.println("Next: open a print file, or scripts/ofuku status, or the web console");
        return 0;
    }

    static final Path OUT = Path.of("out", "demo");

    /** The sample sessions have fixed dates; once they are near or past, sessions from next Monday are added. */
    private void ensureFutureSessions(RegistryImport registry) throws Exception {
        java.time.LocalDate today = java.time.LocalDate.now(ofuku.bean(java.time.Clock.class));
        java.time.LocalDate needed = today.plusWeeks(4);
        boolean enough = java.nio.file.Files.readAllLines(samples.resolve("sessions.csv")).stream().skip(1)
                .anyMatch(line -> line.split(",")[1].compareTo(needed.toString()) > 0);
        if (enough) {
            return;
        }
        java.time.LocalDate monday = today.with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY));
        Path extra = OUT.resolve("sessions-from-" + monday + ".csv");
        new jp.ofuku.registry.SyntheticRegistry(jp.ofuku.registry.SampleRegistry.SEED, today)
                .writeSessions(extra, monday.plusWeeks(1), jp.ofuku.registry.SampleRegistry.SESSION_WEEKS);
        System.out.println("The sample sessions are past or near: adding 10 weeks of sessions from " + extra);
        ImportCommand.print(registry.run("sessions", extra, "auto", false));
    }

    /** Residents reply: forms from the demo's print file, marked, scanned or faxed into out/demo/inbox, then read. */
    private void postBackAndRead() throws Exception {
        System.out.println("== 3. Replies: residents mark their forms and send them back by post (scans) and fax");
        Path inbox = OUT.resolve("inbox");
        Path pdf = jp.ofuku.letters.PrintFile.pdf(OUT.resolve("print"), "demo-0001");
        Path manifest = jp.ofuku.letters.PrintFile.manifest(OUT.resolve("print"), "demo-0001");
        Path truth = OUT.resolve("replies-truth.csv");
        if (!java.nio.file.Files.exists(truth)) {
            int sent = new jp.ofuku.scan.ReplySimulator(jp.ofuku.registry.SampleRegistry.SEED).replies(pdf, manifest, inbox, 0.3);
            java.nio.file.Files.move(inbox.resolve("truth.csv.txt"), truth);
            System.out.printf(java.util.Locale.ROOT, "%,d replies posted and faxed into %s (what each resident marked: %s)%n",
                    sent, inbox, truth);
        }
        jp.ofuku.ops.JobOutcome read = ofuku.bean(jp.ofuku.replies.Replies.class).read(java.util.List.of(inbox));
        var c = read.counts();
        System.out.printf(java.util.Locale.ROOT, "Read %,d files (%,d pages): %,d replies, %,d for review, %,d already read before; "
                + "originals archived in data/archive%n", c.getOrDefault(jp.ofuku.replies.ReadRun.FILES, 0L), c.getOrDefault(jp.ofuku.replies.ReadRun.PAGES, 0L),
                c.getOrDefault(jp.ofuku.replies.ReadRun.REPLY, 0L), c.getOrDefault(jp.ofuku.replies.ReadRun.REVIEW, 0L), c.getOrDefault(jp.ofuku.replies.ReadRun.SEEN, 0L));
        Path export = OUT.resolve("replies.csv");
        long rows = ofuku.bean(jp.ofuku.ops.Exports.class).write("replies", export);
        System.out.printf(java.util.Locale.ROOT, "%,d replies exported to %s%n", rows, export);
    }

    /** Books the replies, writes the confirmations and the new-dates letters, exports the bookings. */
    private void allocateAndConfirm() throws Exception {
        System.out.println("== 4. Booking: replies into sessions, then confirmation and new-dates letters");
        jp.ofuku.booking.Allocation allocation = ofuku.bean(jp.ofuku.booking.Allocation.class);
        jp.ofuku.ops.JobOutcome a = allocation.run();
        if (!a.completed()) {
            throw new OfukuCommand.UserError("demo stopped: allocate failed: " + a.failure());
        }
        var c = a.counts();
        System.out.printf(java.util.Locale.ROOT, "Booked %,d residents (%,d second doses); %,d could not be placed, %,d asked for other"
                        + " dates, %,d declined, %,d to review%n", c.getOrDefault(jp.ofuku.booking.AllocateRun.BOOKED, 0L), c.getOrDefault(jp.ofuku.booking.AllocateRun.NEXT_DOSE_BOOKED, 0L),
                c.getOrDefault(jp.ofuku.booking.AllocateRun.UNPLACED, 0L), c.getOrDefault(jp.ofuku.booking.AllocateRun.OTHER_DATES, 0L), c.getOrDefault(jp.ofuku.booking.AllocateRun.DECLINED, 0L),
                c.getOrDefault(jp.ofuku.booking.AllocateRun.REVIEW, 0L));
        jp.ofuku.ops.JobOutcome confirm = allocation.confirm(OUT.resolve("print").resolve("confirm"));
        if (!confirm.completed()) {
            throw new OfukuCommand.UserError("demo stopped: confirm failed: " + confirm.failure());
        }
        System.out.printf(java.util.Locale.ROOT, "%,d confirmation letters written to %s%n", confirm.counts().getOrDefault(jp.ofuku.booking.ConfirmRun.LETTERS, 0L),
                OUT.resolve("print").resolve("confirm"));
        Invitations invitations = ofuku.bean(Invitations.class);
        for (String wave : invitations.wavesWaitingForNewDates()) {
            Invitations.Outcome n = invitations.newDates(wave, OUT.resolve("print").resolve(wave + "-new-dates"));
            if (!n.completed()) {
                throw new OfukuCommand.UserError("demo stopped: new dates failed: " + n.failure());
            }
            System.out.printf(java.util.Locale.ROOT, "%,d new-dates letters written to %s%n", n.printed(),
                    OUT.resolve("print").resolve(wave + "-new-dates"));
        }
        long rows = ofuku.bean(jp.ofuku.ops.Exports.class).write("bookings", OUT.resolve("bookings.csv"));
        System.out.printf(java.util.Locale.ROOT, "%,d bookings exported to %s%n", rows, OUT.resolve("bookings.csv"));
    }

    /** Who makes the demo's desk changes, as the audit log records it. */
    private static final String DESK = "demo desk";

    /**
     * What happens after a booking, once: a resident cancels by telephone, another moves, one who
     * never replied books by telephone, a session closes (its residents moved), a resident dies
     * (the registry says so; their booking is cancelled, nobody writes to them). Then confirm
     * prints the change letters. A rerun finds it done.
     */
    private void desk() throws Exception {
        System.out.println("== 5. The desk: what changes after a booking (the phone, the site, the registry)");
        if (!ofuku.bean(jp.ofuku.ops.Audit.class).recent(1, DESK, "session.cancel").isEmpty()) {
            System.out.println("Done by an earlier run of the demo: see the audit log (scripts/ofuku serve, then Audit log) and "
                    + OUT.resolve("bookings.csv"));
            return;
        }
        // residents booked from their replies, sessions still to come, by id: one for each change
        List<String> booked = ofuku.bean(jp.ofuku.booking.Bookings.class).bookedFromReplies("demo",
                java.time.LocalDateTime.now(ofuku.bean(java.time.Clock.class)).plusDays(2), 3);
        String caller = ofuku.bean(jp.ofuku.invite.InvitationStore.class).unanswered("demo", 1).stream().findFirst().orElse(null);
        if (booked.size() < 3 || caller == null) {
            System.out.println("Not enough bookings to show the desk with (" + booked.size() + " booked); skipped.");
            return;
        }
        jp.ofuku.booking.BookingDesk desk = ofuku.bean(jp.ofuku.booking.BookingDesk.class);
        var cancelled = desk.cancel(booked.get(0), "demo", 1, "asked", false, DESK);
        System.out.println("Cancelled by telephone (asked): resident " + cancelled.residentId() + ", " + String.join("; ", cancelled.doses())
                + "; the places are free again");
        var to = desk.options(booked.get(1), "demo", 1).get(0);
        var moved = desk.move(booked.get(1), "demo", 1, to.sessionId(), false, DESK);
        System.out.println("Moved by telephone: resident " + moved.residentId() + " from " + moved.before() + " to " + moved.after());
        var phoned = desk.book(caller, "demo", desk.options(caller, "demo", 1).get(0).sessionId(), false, DESK);
        System.out.println("Booked by telephone (never replied): resident " + phoned.residentId() + " at " + phoned.after());

        // the busiest first-dose session still to come closes: its residents go to sessions they marked, or the nearest with room
        jp.ofuku.booking.SiteDesk.Session busiest = ofuku.bean(jp.ofuku.booking.SiteDesk.class)
                .upcoming("", java.time.LocalDate.now(ofuku.bean(java.time.Clock.class)).plusDays(3)).stream().filter(s -> s.dose() == 1)
                .max(java.util.Comparator.comparingInt(jp.ofuku.booking.SiteDesk.Session::booked)).orElseThrow();
        var closed = ofuku.bean(jp.ofuku.booking.SessionCancel.class).cancel(busiest.siteCode(), busiest.start(),
                "demo: the doctor is ill", false, DESK);
        System.out.printf(java.util.Locale.ROOT, "Session %s cancelled (the doctor is ill): %d moved to a session they marked, %d to the"
                + " nearest with room, %d to be offered new dates, %d to book by hand%n", closed.session(),
                closed.count(jp.ofuku.booking.SessionCancel.Where.MARKED), closed.count(jp.ofuku.booking.SessionCancel.Where.NEAREST),
                closed.count(jp.ofuku.booking.SessionCancel.Where.NEW_DATES), closed.count(jp.ofuku.booking.SessionCancel.Where.CANCELLED));

        // the registry says a booked resident died: their booking goes, and nobody writes to them
        Path death = OUT.resolve("residents-death.csv");
        try (jp.ofuku.registry.CsvRows rows = jp.ofuku.registry.CsvRows.open(samples.resolve("residents.csv"),
                jp.ofuku.registry.FileEncoding.of(samples.resolve("residents.csv"), "auto"));
                org.apache.commons.csv.CSVPrinter out = new org.apache.commons.csv.CSVPrinter(Files.newBufferedWriter(death),
                        org.apache.commons.csv.CSVFormat.RFC4180)) {
            List<String> header = rows.header();
            out.printRecord(header);
            for (var row = rows.next(); row.isPresent(); row = rows.next()) {
                String[] v = row.get().values();
                if (v[header.indexOf("resident_id")].equals(booked.get(2))) {
                    v[header.indexOf("status")] = "deceased";
                    v[header.indexOf("status_date")] = java.time.LocalDate.now(ofuku.bean(java.time.Clock.class)).minusDays(1).toString();
                    out.printRecord((Object[]) v);
                }
            }
        }
        ImportReport report = ofuku.bean(RegistryImport.class).run("residents", death, "auto", false);
        ImportCommand.print(report);
        ImportCommand.settleDepartures(ofuku);

        jp.ofuku.ops.JobOutcome confirm = ofuku.bean(jp.ofuku.booking.Allocation.class).confirm(OUT.resolve("print").resolve("confirm"));
        System.out.printf(java.util.Locale.ROOT, "%,d change letters written to %s (none to the resident who died)%n",
                confirm.counts().getOrDefault(jp.ofuku.booking.ConfirmRun.CHANGE_LETTERS, 0L), OUT.resolve("print").resolve("confirm"));
        long rows = ofuku.bean(jp.ofuku.ops.Exports.class).write("bookings", OUT.resolve("bookings.csv"));
        System.out.printf(java.util.Locale.ROOT, "%,d bookings exported again to %s, each with its status%n", rows, OUT.resolve("bookings.csv"));
    }

    /** Invites every active sample resident once; a rerun finds them invited and prints nothing twice. */
    private void invite() throws Exception {
        System.out.println("== 2. Invitations: letters and reply forms for every active resident");
        Invitations invitations = ofuku.bean(Invitations.class);
        Cohort cohort = invitations.cohort("demo", "all");
        CohortPreview.Preview preview = invitations.preview(cohort);
        InviteCommand.print(preview, invitations.waitingToPrint("demo"));
        if (preview.letters() == 0 && invitations.waitingToPrint("demo") == 0) {
            System.out.println("Every sample resident is already invited: the print files are in " + OUT.resolve("print") + "/");
            return;
        }
        Invitations.Outcome o = invitations.run(cohort, OUT.resolve("print"));
        if (!o.completed()) {
            throw new OfukuCommand.UserError("demo stopped: invite failed: " + o.failure());
        }
        System.out.printf(java.util.Locale.ROOT, "Printed %,d letters in %,d print file(s) (%,d pages); %,d held as exceptions; report %s%n",
                o.printed(), o.files(), o.pages(), o.exceptions(), o.report());
        InviteCommand.notDone(o);
    }

    /**
     * The demo's own console user: a supervisor "demo" with a password made for this demo
     * database alone (kept beside it, readable by its owner only). Nobody else has a default password.
     */
    private String demoConsoleUser() throws java.io.IOException {
        jp.ofuku.web.ConsoleUsers users = ofuku.bean(jp.ofuku.web.ConsoleUsers.class);
        Path file = Path.of(System.getenv().getOrDefault("OFUKU_DATA_DIR", "data"), "demo-console-password.txt");
        if (users.find("demo").isEmpty() || !Files.isRegularFile(file)) {
            java.security.SecureRandom random = new java.security.SecureRandom();
            String letters = "abcdefghijkmnpqrstuvwxyz23456789";
            StringBuilder password = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                password.append(letters.charAt(random.nextInt(letters.length())));
            }
            if (users.find("demo").isEmpty()) {
                users.add(jp.ofuku.ops.Audit.commandLine(), "demo", "supervisor", password.toString());
            } else {
                users.setPassword(jp.ofuku.ops.Audit.commandLine(), "demo", password.toString());
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, password + "\n");
            try {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // a file system without permissions: the folder's own protect it
            }
        }
        return "user demo, password " + Files.readString(file).strip() + " (this demo's own, also in " + file + ")";
    }
}
