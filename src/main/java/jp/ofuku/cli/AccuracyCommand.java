package jp.ofuku.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import jp.ofuku.scan.Accuracy;
import jp.ofuku.scan.ScanKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "accuracy", mixinStandardHelpOptions = true,
        description = {"Measure how well reply forms are read: real forms from the print pipeline, marked at random "
                + "(ticks, crosses, filled boxes, pens and pencils), delivered as a scan, a phone JPEG, a fine fax and a "
                + "standard fax, read and compared with what was marked. Needs no database.",
                "Prints, per channel: forms identified, accepted without review, sent to review, silent errors (accepted "
                        + "but wrong: must be 0), the box confusion figures and the reading speed."},
        footer = {"", "Example:", "  scripts/ofuku accuracy --pages 2000"})
class AccuracyCommand implements Callable<Integer> {

    @Option(names = "--pages", defaultValue = "2000", description = "pages per channel (default ${DEFAULT-VALUE})")
    private int pages;

    @Option(names = "--kinds", split = ",", description = "channels: scan, phone_jpeg, fax_fine, fax_standard (default: all)")
    private List<String> kinds;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    private long seed;

    @Override
    public Integer call() throws Exception {
        List<ScanKind> chosen = kinds == null ? Arrays.asList(ScanKind.values())
                : kinds.stream().map(k -> ScanKind.valueOf(k.strip().toUpperCase(Locale.ROOT))).toList();
        Map<ScanKind, Accuracy.Tally> tallies = new Accuracy(seed).run(pages, chosen, Path.of("out", "accuracy"));
        int silent = 0;
        for (var e : tallies.entrySet()) {
            System.out.printf(Locale.ROOT, "%-13s %s%n", e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
            e.getValue().examples.forEach(x -> System.out.println("    look at " + x));
            silent += e.getValue().silentErrors;
        }
        if (silent > 0) {
            throw new OfukuCommand.UserError("accuracy: " + silent + " accepted readings differ from what was marked");
        }
        return 0;
    }
}
