package jp.ofuku.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.springframework.util.FileSystemUtils;

import jp.ofuku.scan.Accuracy;
import jp.ofuku.scan.ScanKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "accuracy", mixinStandardHelpOptions = true,
        description = {"Measure how well reply forms are read: real forms from the print pipeline, marked at random, "
                + "delivered as a scan, a phone JPEG, a fine fax and a standard fax, read and compared with what was marked. "
                + "Needs no database.",
                "Two generators mark the forms: 'hand' draws strokes as hands do (ticks that overshoot, crosses, boxes "
                        + "filled in, open wobbly circles round rows; ballpoint, felt tip, pencil firm or light; tremor and pressure), written "
                        + "apart from the reader; 'simulator' is the reader's own test marker. Prints, per generator and channel: "
                        + "forms identified, accepted without review, sent to review, silent errors (accepted but wrong: must "
                        + "be 0), the box confusion figures and the reading speed; then acceptance by mark type and why pages "
                        + "went to review."},
        footer = {"", "Example:", "  scripts/ofuku accuracy --pages 2000"})
class AccuracyCommand implements Callable<Integer> {

    @Option(names = "--pages", defaultValue = "2000", description = "forms per channel and generator (default ${DEFAULT-VALUE})")
    private int pages;

    @Option(names = "--kinds", split = ",", description = "channels: scan, phone_jpeg, fax_fine, fax_standard (default: all)")
    private List<String> kinds;

    @Option(names = "--generator", defaultValue = "both",
            description = "who marks the forms: hand, simulator or both (default ${DEFAULT-VALUE})")
    private String generator;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--encoders", split = ",", description = "write the faxes as TIFF through each of these encoders in turn and "
            + "report acceptance by encoder: all, or any of jdk_t4, jdk_t6, tiffcp_g3, tiffcp_g3_2d, tiffcp_g3_fill, tiffcp_g4, "
            + "fax2tiff, pbmtog3_aligned, imagemagick_fax, imagemagick_group4, ghostscript_tiffg3, ghostscript_tiffg32d, "
            + "ghostscript_tiffg4, ghostscript_tiffcrle (default: the JDK's writer only; the fax channels only)")
    private List<String> encoders;

    @Override
    public Integer call() throws Exception {
        List<ScanKind> chosen = kinds == null ? Arrays.asList(ScanKind.values())
                : kinds.stream().map(k -> ScanKind.valueOf(k.strip().toUpperCase(Locale.ROOT))).toList();
        List<Accuracy.Generator> generators = generator.equalsIgnoreCase("both") ? List.of(Accuracy.Generator.values())
                : List.of(Accuracy.Generator.valueOf(generator.strip().toUpperCase(Locale.ROOT)));
        Map<Accuracy.Generator, Map<ScanKind, Accuracy.Tally>> runs = new LinkedHashMap<>();
        // the pictures a run names are this run's: an earlier run's (or one killed midway) are cleared first
        Path out = Path.of("out", "accuracy");
        FileSystemUtils.deleteRecursively(out);
        if (encoders != null) {
            return byEncoder(chosen, generators, out);
        }
        for (Accuracy.Generator g : generators) {
            runs.put(g, new Accuracy(seed).run(g, pages, chosen, out));
        }
        System.out.printf(Locale.ROOT, "%nReply forms read, %,d per channel and generator (seed %d)%n%n", pages, seed);
        // "digits only": pages known by their printed digits alone (QR code unreadable), each confirmed by a person by design;
        // "of sealed": accepted among the others
        System.out.printf(Locale.ROOT, "%-10s %-13s %9s %9s %9s %9s %9s %7s %6s%n", "generator", "channel", "identified", "digits",
                "accepted", "of sealed", "review", "silent", "pages/s");
        int silent = 0;
        for (var run : runs.entrySet()) {
            for (var e : run.getValue().entrySet()) {
                Accuracy.Tally t = e.getValue();
                System.out.printf(Locale.ROOT, "%-10s %-13s %8.2f %% %7.2f %% %7.2f %% %7.2f %% %7.2f %% %7d %6.1f%n", name(run.getKey()),
                        name(e.getKey()), 100.0 * t.identified / t.pages, 100.0 * t.digitsOnly / t.pages, 100.0 * t.accepted / t.pages,
                        100.0 * t.acceptedOfSealed(), 100.0 * t.review / t.pages, t.silentErrors, t.pages / Math.max(t.seconds, 1e-9));
                silent += t.silentErrors;
            }
        }
        System.out.printf(Locale.ROOT, "%nAccepted without review, by mark type (forms in brackets)%n");
        for (var run : runs.entrySet()) {
            TreeSet<String> types = new TreeSet<>();
            run.getValue().values().forEach(t -> types.addAll(t.byType.keySet()));
            System.out.printf(Locale.ROOT, "%-10s %-22s", name(run.getKey()), "mark");
            run.getValue().keySet().forEach(k -> System.out.printf(Locale.ROOT, " %18s", name(k)));
            System.out.println();
            for (String type : types) {
                System.out.printf(Locale.ROOT, "%-10s %-22s", "", type);
                for (Accuracy.Tally t : run.getValue().values()) {
                    int[] v = t.byType.get(type);
                    System.out.printf(Locale.ROOT, " %18s", v == null ? "-" : String.format(Locale.ROOT, "%.1f %% (%d)",
                            100.0 * v[1] / v[0], v[0]));
                }
                System.out.println();
            }
            // the same forms by what they were marked with: a fax loses light pencil, never ink
            for (String pen : new String[] {"", Accuracy.PENCIL, Accuracy.LIGHT_PENCIL}) {
                System.out.printf(Locale.ROOT, "%-10s %-22s", "", pen.isEmpty() ? "all in ink" : "all in" + pen.replaceAll("[()]", ""));
                for (Accuracy.Tally t : run.getValue().values()) {
                    int[] sum = new int[2];
                    t.byType.forEach((type, v) -> {
                        if (penOf(type).equals(pen)) {
                            sum[0] += v[0];
                            sum[1] += v[1];
                        }
                    });
                    System.out.printf(Locale.ROOT, " %18s", sum[0] == 0 ? "-" : String.format(Locale.ROOT, "%.1f %% (%d)",
                            100.0 * sum[1] / sum[0], sum[0]));
                }
                System.out.println();
            }
        }
        System.out.printf(Locale.ROOT, "%nWhy pages went to a person%n");
        for (var run : runs.entrySet()) {
            for (var e : run.getValue().entrySet()) {
                System.out.printf(Locale.ROOT, "%-10s %-13s %s%n", name(run.getKey()), name(e.getKey()),
                        e.getValue().reviewReasons.isEmpty() ? "none" : e.getValue().reviewReasons);
            }
        }
        System.out.printf(Locale.ROOT, "%nIn detail%n");
        for (var run : runs.entrySet()) {
            for (var e : run.getValue().entrySet()) {
                System.out.printf(Locale.ROOT, "%-10s %-13s %s%n", name(run.getKey()), name(e.getKey()), e.getValue());
                e.getValue().examples.forEach(x -> System.out.println("    look at " + x));
                e.getValue().reviewed.forEach(x -> System.out.println("    reviewed " + x));
            }
        }
        if (silent > 0) {
            throw new OfukuCommand.UserError("accuracy: " + silent + " accepted readings differ from what was marked");
        }
        return 0;
    }

    /**
     * The same forms (the same seed) faxed through each encoder in turn: acceptance by encoder,
     * over every form and over the forms marked only with what a fax carries (ink, firm pencil).
     */
    private int byEncoder(List<ScanKind> chosen, List<Accuracy.Generator> generators, Path out) throws Exception {
        List<jp.ofuku.scan.FaxEncoders> list = encoders.stream().anyMatch(e -> e.strip().equalsIgnoreCase("all"))
                ? Arrays.asList(jp.ofuku.scan.FaxEncoders.values())
                : encoders.stream().map(e -> jp.ofuku.scan.FaxEncoders.valueOf(e.strip().toUpperCase(Locale.ROOT))).toList();
        List<ScanKind> faxes = chosen.stream().filter(k -> k == ScanKind.FAX_FINE || k == ScanKind.FAX_STANDARD).toList();
        System.out.printf(Locale.ROOT, "Faxes through each encoder, %,d forms per channel and generator (seed %d)%n%n", pages, seed);
        System.out.printf(Locale.ROOT, "%-10s %-45s %-13s %9s %14s %13s %7s%n", "generator", "encoder", "channel", "accepted",
                "ink+pencil", "light pencil", "silent");
        int silent = 0;
        for (jp.ofuku.scan.FaxEncoders encoder : list) {
            if (!encoder.available()) {
                throw new OfukuCommand.UserError(encoder.label() + " is not installed: run scripts/setup");
            }
            for (Accuracy.Generator g : generators) {
                for (var e : new Accuracy(seed).through(encoder).run(g, pages, faxes, out).entrySet()) {
                    Accuracy.Tally t = e.getValue();
                    int[] carried = new int[2];
                    int[] light = new int[2];
                    t.byType.forEach((type, v) -> {
                        int[] sum = penOf(type).equals(Accuracy.LIGHT_PENCIL) ? light : carried;
                        sum[0] += v[0];
                        sum[1] += v[1];
                    });
                    System.out.printf(Locale.ROOT, "%-10s %-45s %-13s %7.2f %% %12s %13s %7d%n", name(g), encoder.label(),
                            name(e.getKey()), 100.0 * t.accepted / t.pages, percent(carried), percent(light), t.silentErrors);
                    silent += t.silentErrors;
                    if (!t.reviewReasons.isEmpty()) {
                        System.out.printf(Locale.ROOT, "%-10s   to a person: %s%n", "", t.reviewReasons);
                    }
                }
            }
        }
        if (silent > 0) {
            throw new OfukuCommand.UserError("accuracy: " + silent + " accepted readings differ from what was marked");
        }
        return 0;
    }

    private static String percent(int[] v) {
        return v[0] == 0 ? "-" : String.format(Locale.ROOT, "%.2f %% (%d)", 100.0 * v[1] / v[0], v[0]);
    }

    /** What a mark type says it was made with: "", {@link Accuracy#PENCIL} or {@link Accuracy#LIGHT_PENCIL}. */
    private static String penOf(String type) {
        return type.endsWith(Accuracy.LIGHT_PENCIL) ? Accuracy.LIGHT_PENCIL : type.endsWith(Accuracy.PENCIL) ? Accuracy.PENCIL : "";
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
