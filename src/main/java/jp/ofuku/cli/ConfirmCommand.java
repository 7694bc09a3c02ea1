package jp.ofuku.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import jp.ofuku.booking.Allocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "confirm", mixinStandardHelpOptions = true,
        description = {"Writes a confirmation letter for every resident booked and not yet written to: the date, time and site",
                "of each dose, the site's address, what to bring, how to change or cancel. Print files of at most 1,000 letters",
                "in postal-code order, each with its manifest, checked page by page. Each letter is printed once, however often",
                "this is run or restarted."},
        footer = {"", "Example:", "  scripts/ofuku confirm --out out/print/confirm"})
class ConfirmCommand implements Callable<Integer> {

    @ParentCommand
    OfukuCommand ofuku;

    @Option(names = "--out", defaultValue = "out/print/confirm", description = "folder for the print files (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        Allocation.Outcome o = ofuku.bean(Allocation.class).confirm(out);
        if (!o.completed()) {
            throw new OfukuCommand.UserError("confirm failed (run " + o.executionId() + "): " + o.failure()
                    + "; letters already written are kept. Fix the cause and run confirm again: it carries on where it stopped.");
        }
        long letters = o.counts().getOrDefault("letters", 0L);
        System.out.printf(Locale.ROOT, "Confirmations (run %d): %,d letters in %,d print files in %s.%n", o.executionId(), letters,
                o.counts().getOrDefault("files", 0L), out);
        System.out.println(letters == 0 ? "Nobody was waiting for a confirmation." : "Next: print the PDFs and post them.");
        return 0;
    }
}
