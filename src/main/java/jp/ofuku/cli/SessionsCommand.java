package jp.ofuku.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;

import jp.ofuku.booking.SessionCancel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = "The site desk: close a session (an earthquake, a sick doctor) and move the residents booked there.",
        subcommands = {SessionsCommand.Cancel.class},
        footer = {"", "Examples:", "  scripts/ofuku sessions cancel S01 '2027-01-12 09:30' --reason 'doctor ill' --dry-run",
                "  scripts/ofuku sessions cancel S01 '2027-01-12 09:30' --reason 'doctor ill' --by suzuki"})
class SessionsCommand {

    @ParentCommand
    OfukuCommand ofuku;

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = {"Closes the session. Each resident booked there is moved to another session they marked that still"
                    + " has room, else to the session with room nearest them (same vaccine and dose, the series interval kept),"
                    + " else their booking is cancelled and the next invite or nightly run offers them new dates. Each gets a"
                    + " change letter from the next confirm. Nothing is booked into the session afterwards.",
                    "--dry-run shows who would go where and changes nothing."})
    static class Cancel implements Callable<Integer> {

        @ParentCommand
        SessionsCommand sessions;
        @Parameters(index = "0", paramLabel = "SITE", description = "the site's code")
        String site;
        @Parameters(index = "1", paramLabel = "START", description = "when the session starts: 'YYYY-MM-DD HH:MM'")
        String start;
        @Option(names = "--reason", description = "why (kept with the session and in the audit log)")
        String reason;
        @Option(names = "--dry-run", description = "show who would go where; change nothing")
        boolean dryRun;
        @Option(names = "--by", description = "who decided (recorded in the audit log with the system user)")
        String by;

        @Override
        public Integer call() {
            LocalDateTime when;
            try {
                when = LocalDateTime.parse(start.strip().replace('T', ' '), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
            } catch (DateTimeParseException e) {
                throw new OfukuCommand.UserError("sessions cancel: the start must be written 'YYYY-MM-DD HH:MM', not '" + start + "'");
            }
            SessionCancel.Result result;
            result = sessions.ofuku.bean(SessionCancel.class).cancel(site.strip(), when, reason, dryRun,
                    jp.ofuku.ops.Audit.commandLine(by));
            System.out.printf(Locale.ROOT, "%s %s (%s): %d booking%s%n", dryRun ? "Would cancel" : "Cancelled", result.session(),
                    result.reason(), result.moved().size(), result.moved().size() == 1 ? "" : "s");
            for (SessionCancel.Moved m : result.moved()) {
                String where = switch (m.where()) {
                    case MARKED -> "→ " + m.to() + " (a session they marked)";
                    case NEAREST -> "→ " + m.to() + " (the nearest with room)";
                    case NEW_DATES -> "cancelled: no session with room; new dates offered by the next invite or nightly run";
                    case CANCELLED -> "cancelled: no session with room; book it by hand once sessions are added"
                            + " (scripts/ofuku booking options " + m.residentId() + ")";
                };
                System.out.printf(Locale.ROOT, "  %s  wave %s  dose %d  %s%n", m.residentId(), m.wave(), m.dose(), where);
            }
            System.out.printf(Locale.ROOT, "%d to a session they marked, %d to the nearest with room, %d to be offered new dates,"
                    + " %d cancelled to be booked by hand.%n", result.count(SessionCancel.Where.MARKED), result.count(SessionCancel.Where.NEAREST),
                    result.count(SessionCancel.Where.NEW_DATES), result.count(SessionCancel.Where.CANCELLED));
            if (dryRun) {
                System.out.println("Nothing was changed (dry run). Run again without --dry-run to cancel the session.");
                return 0;
            }
            System.out.println("Next: scripts/ofuku confirm prints their change letters"
                    + (result.count(SessionCancel.Where.NEW_DATES) > 0 ? "; the next invite or nightly run writes to those"
                            + " without a place with new dates." : "."));
            return result.count(SessionCancel.Where.CANCELLED) > 0 ? OfukuCommand.EXIT_INCOMPLETE : 0;
        }
    }
}
