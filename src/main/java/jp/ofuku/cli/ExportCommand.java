package jp.ofuku.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import jp.ofuku.ops.Exports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "export", mixinStandardHelpOptions = true, description = "Plain CSV (UTF-8, header row) of replies, bookings, invitations or sessions.",
        footer = {"", "Example:", "  scripts/ofuku export replies --out out/replies.csv"})
class ExportCommand implements Callable<Integer> {

    @ParentCommand
    private OfukuCommand ofuku;

    @Parameters(paramLabel = "WHAT", description = "replies, bookings, invitations or sessions")
    private String what;

    @Option(names = "--out", required = true, description = "the CSV file to write")
    private Path out;

    @Override
    public Integer call() throws Exception {
        try {
            long rows = ofuku.bean(Exports.class).write(what, out);
            System.out.printf(Locale.ROOT, "Wrote %,d %s to %s%n", rows, what, out);
            return 0;
        } catch (IllegalArgumentException e) {
            throw new OfukuCommand.UserError("export: " + e.getMessage());
        }
    }
}
