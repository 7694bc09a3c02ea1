package jp.ofuku.cli;

import java.util.concurrent.Callable;

import jp.ofuku.booking.BookingDesk;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "booking", mixinStandardHelpOptions = true,
        description = {"The phone desk: change one resident's booking by hand. Every change is audited and queues a change",
                "letter that the next confirm prints (unless the resident asked for none)."},
        subcommands = {BookingCommand.Cancel.class},
        footer = {"", "Example:", "  scripts/ofuku booking cancel R0001234 --reason asked"})
class BookingCommand {

    @ParentCommand
    OfukuCommand ofuku;

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = {"Cancels a resident's booking (and the later doses booked with it): the place is free at once. A",
                    "change letter (\"your appointment is cancelled\") is printed by the next confirm, except for a death or",
                    "with --no-letter."})
    static class Cancel implements Callable<Integer> {

        @ParentCommand
        BookingCommand booking;

        @Parameters(paramLabel = "RESIDENT", description = "the resident's id, or the form code of their letter")
        String who;

        @Option(names = "--reason", required = true, description = "asked, ill, deceased, moved or other")
        String reason;

        @Option(names = "--dose", defaultValue = "1", description = "the first dose to cancel (later doses go with it; default 1)")
        int dose;

        @Option(names = "--wave", description = "the wave, when the resident is booked in more than one")
        String wave;

        @Option(names = "--no-letter", description = "the resident asked for no letter")
        boolean noLetter;

        @Option(names = "--by", description = "who took the call (recorded in the audit log with the system user)")
        String by;

        @Override
        public Integer call() {
            String actor = jp.ofuku.ops.Audit.commandLine() + (by == null ? "" : " as " + by);
            BookingDesk.Cancelled c;
            try {
                c = booking.ofuku.bean(BookingDesk.class).cancel(who, wave, dose, reason, noLetter, actor);
            } catch (BookingDesk.Refused e) {
                throw new OfukuCommand.UserError("booking cancel: " + e.getMessage());
            }
            System.out.println("Cancelled for resident " + c.residentId() + " (wave " + c.wave() + "): " + String.join("; ", c.doses())
                    + ". The places are free again.");
            System.out.println(c.letter() ? "Next: scripts/ofuku confirm prints the change letter." : "No letter will be sent.");
            return 0;
        }
    }
}
