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
                + "replies, then show the status.",
                "Safe to run again: every step is idempotent."})
class DemoCommand implements Callable<Integer> {

    @ParentCommand
    private OfukuCommand ofuku;

    @Option(names = "--samples", defaultValue = "samples", description = "the sample folder (default: ${DEFAULT-VALUE})")
    private Path samples;

    @Override
    public Integer call() throws Exception {
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
        System.out.println("== Status");
        StatusCommand.print(ofuku.bean(StatusReport.class).read(8));
        System.out.println();
        System.out.println("Demo done.");
        System.out.println("  letters to print (PDF + manifest per file): " + OUT.resolve("print") + "/");
        System.out.println("  replies read: " + OUT.resolve("replies.csv") + " (what residents marked: " + OUT.resolve("replies-truth.csv") + ")");
        System.out.println("  bookings: " + OUT.resolve("bookings.csv"));
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
        java.time.LocalDate today = java.time.LocalDate.now();
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
                + "originals archived in data/archive%n", c.getOrDefault("files", 0L), c.getOrDefault("pages", 0L),
                c.getOrDefault("reply", 0L), c.getOrDefault("review", 0L), c.getOrDefault("seen", 0L));
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
                        + " dates, %,d declined, %,d to review%n", c.getOrDefault("booked", 0L), c.getOrDefault("next_dose_booked", 0L),
                c.getOrDefault("unplaced", 0L), c.getOrDefault("other_dates", 0L), c.getOrDefault("declined", 0L),
                c.getOrDefault("review", 0L));
        jp.ofuku.ops.JobOutcome confirm = allocation.confirm(OUT.resolve("print").resolve("confirm"));
        if (!confirm.completed()) {
            throw new OfukuCommand.UserError("demo stopped: confirm failed: " + confirm.failure());
        }
        System.out.printf(java.util.Locale.ROOT, "%,d confirmation letters written to %s%n", confirm.counts().getOrDefault("letters", 0L),
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
