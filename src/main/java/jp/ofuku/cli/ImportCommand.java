package jp.ofuku.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import jp.ofuku.registry.RegistryImport;
import jp.ofuku.registry.RegistryImport.ImportReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Load a registry CSV file: residents, districts, sites or sessions; or, with 'all', the four from a folder.",
                "Importing the same file again changes nothing; a changed row updates the registry.",
                "A file with bad rows is refused whole, with every bad row and its reason in NAME.rejects.csv "
                        + "beside the file, unless --skip-bad-rows is given."},
        footer = {"", "Examples:", "  scripts/ofuku import districts samples/districts.csv",
                "  scripts/ofuku import all samples     (districts.csv, sites.csv, sessions.csv, residents.csv, in that order)",
                "  scripts/ofuku import residents export.csv --encoding windows-31j --skip-bad-rows",
                "  scripts/ofuku import sessions sessions.csv --move-surplus"})
class ImportCommand implements Callable<Integer> {

    @ParentCommand
    private OfukuCommand ofuku;

    /** The files {@code import all} loads from its folder, in the order one depends on another. */
    static final java.util.List<String> ALL = java.util.List.of("districts", "sites", "sessions", "residents");

    @Parameters(index = "0", paramLabel = "KIND", description = "residents, districts, sites or sessions; or all")
    private String kind;

    @Parameters(index = "1", paramLabel = "FILE", description = "the CSV file (header row, columns in any order); for all, the folder"
            + " holding districts.csv, sites.csv, sessions.csv and residents.csv (those it holds are loaded, in that order)")
    private Path file;

    @Option(names = "--encoding", defaultValue = "auto", paramLabel = "auto|UTF-8|windows-31j",
            description = "the file's encoding (default: ${DEFAULT-VALUE}: UTF-8 with or without BOM, else windows-31j)")
    private String encoding;

    @Option(names = "--skip-bad-rows", description = "load the good rows; write the bad ones with reasons to NAME.rejects.csv")
    private boolean skipBadRows;

    @Option(names = "--move-surplus", description = "sessions: where a capacity is lowered below the places booked, move the bookings"
            + " made last to a session the resident marked, else the nearest with room, else offer new dates (each gets a change letter)")
    private boolean moveSurplus;

    @Override
    public Integer call() throws Exception {
        if (moveSurplus && !kind.equalsIgnoreCase("sessions") && !kind.equalsIgnoreCase("all")) {
            throw new OfukuCommand.UserError("import " + kind + ": --move-surplus is for sessions files only");
        }
        if (kind.equalsIgnoreCase("all")) {
            return all();
        }
        return load(kind.toLowerCase(Locale.ROOT), file);
    }

    /**
     * The registry files in the folder, each loaded as by its own import, in the order one depends
     * on another. A file refused stops the rest: they may name its districts or sites.
     */
    private int all() throws Exception {
        if (!java.nio.file.Files.isDirectory(file)) {
            throw new OfukuCommand.UserError("import all " + file + ": not a folder; give the folder that holds "
                    + String.join(".csv, ", ALL) + ".csv");
        }
        java.util.List<String> present = ALL.stream().filter(k -> java.nio.file.Files.isRegularFile(file.resolve(k + ".csv"))).toList();
        if (present.isEmpty()) {
            throw new OfukuCommand.UserError("import all " + file + ": the folder holds none of " + String.join(".csv, ", ALL)
                    + ".csv; name the files so, or import each: scripts/ofuku import KIND FILE");
        }
        java.util.List<String> absent = ALL.stream().filter(k -> !present.contains(k)).map(k -> k + ".csv").toList();
        if (!absent.isEmpty()) {
            System.out.println("Not in " + file + " (left as they are): " + String.join(", ", absent));
        }
        int exit = 0;
        for (int i = 0; i < present.size(); i++) {
            String each = present.get(i);
            try {
                exit = Math.max(exit, load(each, file.resolve(each + ".csv")));
            } catch (jp.ofuku.ops.Refusal refused) {
                java.util.List<String> left = present.subList(i + 1, present.size());
                if (!left.isEmpty()) {
                    System.out.println("NOT IMPORTED (they may need what " + each + ".csv holds): " + String.join(", ",
                            left.stream().map(k -> k + ".csv").toList()) + ". Next: correct " + each + ".csv, then run this again;"
                            + " what was loaded is not loaded twice.");
                }
                throw refused;
            }
        }
        return exit;
    }

    private int load(String kind, Path file) throws Exception {
        RegistryImport registry = ofuku.bean(RegistryImport.class);
        boolean moveSurplus = this.moveSurplus && kind.equals("sessions");
        ImportReport report = registry.run(kind, file, encoding, skipBadRows, moveSurplus);
        print(report);
        if (!report.loaded()) {
            throw new OfukuCommand.UserError("import " + kind + " " + file + ": " + report.outcome());
        }
        if (kind.equalsIgnoreCase("residents")) {
            settleDepartures(ofuku);
        }
        if (!report.surplusMoved().isEmpty()) {
            System.out.printf(Locale.ROOT, "  MOVED (capacity lowered below the places booked): %,d bookings, the last made first:%n",
                    report.surplusMoved().size());
            report.surplusMoved().forEach(m -> System.out.println("    " + m));
            System.out.println("  Next: scripts/ofuku confirm prints their change letters"
                    + (report.surplusMoved().stream().anyMatch(m -> m.contains("book by hand")) ? "; book by hand those with no session"
                            + " (scripts/ofuku booking options RESIDENT)." : "."));
        }
        if (report.problemRows() > 0) {
            System.out.printf(Locale.ROOT, "  NOT LOADED: %,d rows (skipped as asked). Next: correct them in %s and import that file.%n",
                    report.problemRows(), report.rejectFile().orElse("the rejects file"));
            return OfukuCommand.EXIT_INCOMPLETE;
        }
        return 0;
    }

    /**
     * What stops for residents the registry now says died or moved away: their bookings to come
     * are cancelled, their letters not yet printed withdrawn. Said here, by resident id, and audited.
     */
    static void settleDepartures(OfukuCommand ofuku) {
        jp.ofuku.booking.Departures.Settled left = ofuku.bean(jp.ofuku.booking.Departures.class).settle(jp.ofuku.ops.Audit.commandLine());
        if (left.residents().isEmpty()) {
            return;
        }
        jp.ofuku.ops.Audit audit = ofuku.bean(jp.ofuku.ops.Audit.class);
        left.residents().forEach(id -> audit.record(jp.ofuku.ops.Audit.commandLine(), "registry.departure", id, "active",
                "bookings to come cancelled, letters not yet printed withdrawn"));
        System.out.printf(Locale.ROOT, "  LEFT THE REGISTRY (died or moved away): %,d residents with something under way: %,d bookings"
                + " cancelled (places free again), %,d letters and %,d confirmations not yet printed withdrawn; a reply from them"
                + " goes to review at the next allocate.%n", left.residents().size(), left.bookingsCancelled(), left.lettersWithdrawn(),
                left.confirmationsDropped());
        System.out.println("    residents: " + String.join(", ", left.residents().subList(0, Math.min(20, left.residents().size())))
                + (left.residents().size() > 20 ? " and " + (left.residents().size() - 20) + " more (scripts/ofuku status)" : ""));
    }

    static void print(ImportReport r) {
        System.out.printf(Locale.ROOT, "%s %s from %s (%s), job execution %d%n", r.loaded() ? "Imported" : "Did not import",
                r.kind(), r.file(), r.encoding(), r.executionId());
        if (r.loaded()) {
            String changes = r.statusChanges().isEmpty() ? "" : " (" + r.statusChanges() + ")";
            System.out.printf(Locale.ROOT, "  %,d rows read: %,d new, %,d updated%s, %,d unchanged, %,d rejected%n", r.rows(),
                    r.inserted(), r.updated(), changes, r.unchanged(), r.problemRows());
        }
        if (r.problemRows() > 0) {
            System.out.printf(Locale.ROOT, "  %,d %s with problems%s:%n", r.problemRows(), r.problemRows() == 1 ? "row" : "rows",
                    r.rejectFile().map(f -> ", all listed in " + f).orElse(""));
            r.problemSample().lines().forEach(l -> System.out.println("    " + l));
        }
        if (r.warnings() > 0) {
            System.out.printf(Locale.ROOT, "  %,d warnings%s:%n", r.warnings(),
                    r.warnings() > r.warningSample().lines().count() ? " (the first shown)" : "");
            r.warningSample().lines().forEach(l -> System.out.println("    " + l));
        }
    }
}
