package jp.ofuku.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import jp.ofuku.booking.Allocation;
import jp.ofuku.ops.JobOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "confirm", mixinStandardHelpOptions = true,
        description = {"Writes a confirmation letter for every resident booked and not yet written to: the date, time and site",
                "of each dose, the site's address, what to bring, how to change or cancel. Print files of at most 1,000 letters",
                "in postal-code order, each with its manifest, checked page by page. Each letter is printed once, however often",
                "this is run or restarted. Then, for residents none of whose dates had room or who asked for other dates, a",
                "new-dates letter with a new reply form (a new form code; the old form is replaced)."},
        footer = {"", "Example:", "  scripts/ofuku confirm --out out/print"})
class ConfirmCommand implements Callable<Integer> {

    @ParentCommand
    OfukuCommand ofuku;

    @Option(names = "--out", defaultValue = "out/print", description = "folder for the print files: confirmations in"
            + " OUT/confirm, new-dates letters in OUT/WAVE-new-dates (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        JobOutcome o = ofuku.bean(Allocation.class).confirm(out.resolve("confirm"));
        if (!o.completed()) {
            throw new OfukuCommand.UserError("confirm failed (run " + o.executionId() + "): " + o.failure()
                    + "; letters already written are kept. Fix the cause and run confirm again: it carries on where it stopped.");
        }
        long letters = o.counts().getOrDefault(jp.ofuku.booking.ConfirmRun.LETTERS, 0L);
        long changes = o.counts().getOrDefault(jp.ofuku.booking.ConfirmRun.CHANGE_LETTERS, 0L);
        System.out.printf(Locale.ROOT, "Confirmations (run %d): %,d letters%s in %,d print files in %s.%n", o.executionId(), letters,
                changes > 0 ? String.format(Locale.ROOT, " and %,d change letters (bookings changed by hand)", changes) : "",
                o.counts().getOrDefault(jp.ofuku.booking.ConfirmRun.FILES, 0L), out.resolve("confirm"));
        letters += changes;
        ofuku.bean(jp.ofuku.nightly.RunReports.class).of("confirm", o.executionId())
                .ifPresent(r -> System.out.println("Report: " + r + " (and .pdf)"));
        jp.ofuku.invite.Invitations invitations = ofuku.bean(jp.ofuku.invite.Invitations.class);
        long held = o.counts().getOrDefault(jp.ofuku.booking.ConfirmRun.HELD, 0L);
        if (held > 0) {
            System.out.printf(Locale.ROOT, "  HELD: %,d confirmation letters failed the print check and were not printed; "
                    + "`scripts/ofuku letters held` lists them with why.%n", held);
        }
        long newDates = 0;
        long leftOut = 0;
        for (String wave : invitations.wavesWaitingForNewDates()) {
            Path folder = out.resolve(wave + "-new-dates");
            jp.ofuku.invite.Invitations.Outcome n = invitations.newDates(wave, folder);
            if (!n.completed()) {
                throw new OfukuCommand.UserError("new dates for wave " + wave + " failed (run " + n.executionId() + "): " + n.failure()
                        + "; letters already written are kept. Run confirm again: it carries on where it stopped.");
            }
            newDates += n.printed();
            held += n.exceptions();
            leftOut += n.leftOut();
            System.out.printf(Locale.ROOT, "New dates, wave %s (run %d): %,d letters with new reply forms in %,d print files in %s.%n",
                    wave, n.executionId(), n.printed(), n.files(), folder);
            if (n.exceptions() > 0) {
                System.out.printf(Locale.ROOT, "  HELD: %,d new-dates letters were not printed; the reasons are in %s.%n",
                        n.exceptions(), n.report());
            }
            if (n.leftOut() > 0) {
                System.out.printf(Locale.ROOT, "  NOT WRITTEN TO: %,d residents who need new dates: no session with room near "
                        + "them. Import more sessions, then run confirm again.%n", n.leftOut());
            }
        }
        if (held > 0) {
            System.out.println("Next: print the PDFs and post them; fix what the held letters' reasons say, then "
                    + "`scripts/ofuku letters release --all` and run confirm again.");
        } else {
            System.out.println(letters + newDates == 0 ? "Nobody was waiting for a letter." : "Next: print the PDFs and post them.");
        }
        return held + leftOut > 0 ? OfukuCommand.EXIT_INCOMPLETE : 0;
    }
}
