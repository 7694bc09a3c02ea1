package jp.ofuku.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import jp.ofuku.ops.StatusReport;
import jp.ofuku.registry.RegistryImport;
import jp.ofuku.registry.RegistryImport.ImportReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The round trip on the sample municipality in samples/: import its districts, sites, sessions "
                + "and residents (UTF-8, then the same residents in windows-31j, which changes nothing), then show the status.",
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
        System.out.println();
        System.out.println("== Status");
        StatusCommand.print(ofuku.bean(StatusReport.class).read(8));
        System.out.println();
        System.out.println("Demo done. The database is in data/pg and is kept between runs; the log is data/logs/ofuku.log.");
        System.out.println("Next: scripts/ofuku status, or scripts/ofuku import residents YOUR_EXPORT.csv");
        return 0;
    }
}
