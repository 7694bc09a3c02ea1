package jp.ofuku.cli;

import java.util.concurrent.Callable;

import jp.ofuku.booking.Attendance;
import jp.ofuku.booking.BookingDesk;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "booking", mixinStandardHelpOptions = true,
        description = {"The phone desk: change one resident's booking by hand. Every change is audited and queues a change",
                "letter that the next confirm prints (unless the resident asked for none)."},
        subcommands = {BookingCommand.Find.class, BookingCommand.Show.class, BookingCommand.Options.class, BookingCommand.Cancel.class, BookingCommand.Move.class,
                BookingCommand.Book.class, BookingCommand.Attended.class, BookingCommand.NoShow.class, BookingCommand.AttendanceList.class},
        footer = {"", "Examples:", "  scripts/ofuku booking show R0001234", "  scripts/ofuku booking options R0001234",
                "  scripts/ofuku booking move R0001234 --to 5123 --by sato", "  scripts/ofuku booking cancel R0001234 --reason asked",
                "  scripts/ofuku booking book R0004321 --session 5123 --by sato",
                "  scripts/ofuku booking no-show R0001234 --by ito", "  scripts/ofuku booking attendance s01-2027-01-11.csv --by ito"})
class BookingCommand {

    @ParentCommand
    OfukuCommand ofuku;

    /** Runs a desk action (a refusal is shown by the command line in one line). */
    private <T> T desk(java.util.function.Function<BookingDesk, T> change) {
        return desk(BookingDesk.class, change);
    }

    private <S, T> T desk(Class<S> service, java.util.function.Function<S, T> change) {
        return change.apply(ofuku.bean(service));
    }

    private static String actor(String by) {
        return jp.ofuku.ops.Audit.commandLine(by);
    }

    /** What every change names: whose booking, in which wave, whether a letter follows, who took the call. */
    static class Change {
        @Parameters(paramLabel = "RESIDENT", description = "the resident's id, or the form code of their letter")
        String who;
        @Option(names = "--wave", description = "the wave, when the resident is booked or invited in more than one")
        String wave;
        @Option(names = "--no-letter", description = "the resident asked for no letter")
        boolean noLetter;
        @Option(names = "--by", description = "who took the call (recorded in the audit log with the system user)")
        String by;

        String actor() {
            return BookingCommand.actor(by);
        }

        static void next(boolean letter) {
            System.out.println(letter ? "Next: scripts/ofuku confirm prints the change letter." : "No letter will be sent.");
        }
    }

    @Command(name = "find", mixinStandardHelpOptions = true,
            description = "Finds residents by name, kana or Latin name, partial, ignoring width, spaces, ・, accents and the"
                    + " official-name variants (髙橋 finds 高橋, でんわ finds デンワ).")
    static class Find implements Callable<Integer> {
        @ParentCommand
        BookingCommand booking;
        @Parameters(paramLabel = "NAME", description = "part of the name, kana or Latin name")
        String query;

        @Override
        public Integer call() {
            var found = booking.desk(d -> d.find(query));
            found.forEach(f -> System.out.printf("%-10s %-8s %s (%s)  %s%n", f.id(), f.status(), f.name(), f.nameKana(), f.address()));
            System.out.println(found.isEmpty() ? "Nobody found." : found.size() + (found.size() == BookingDesk.FOUND
                    ? " residents shown (there may be more: type more of the name)" : " found")
                    + ". Next: scripts/ofuku booking show RESIDENT");
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A resident's bookings, every wave, dose by dose.")
    static class Show implements Callable<Integer> {
        @ParentCommand
        BookingCommand booking;
        @Parameters(paramLabel = "RESIDENT", description = "the resident's id, or the form code of their letter")
        String who;

        @Override
        public Integer call() {
            var booked = booking.desk(d -> d.bookings(who));
            if (booked.isEmpty()) {
                System.out.println("No booking.");
            }
            booked.forEach(b -> System.out.printf(java.util.Locale.ROOT, "wave %s  dose %d  session %d  %s %s  %s%n", b.wave(), b.dose(),
                    b.sessionId(), b.siteCode(), b.start().toString().replace('T', ' '), b.vaccine()));
            return 0;
        }
    }

    @Command(name = "options", mixinStandardHelpOptions = true,
            description = "Sessions with room a booking can move to (or a telephone booking take): same vaccine and dose, the series"
                    + " interval kept, nearest the resident first, then earliest.")
    static class Options implements Callable<Integer> {
        @ParentCommand
        BookingCommand booking;
        @Parameters(paramLabel = "RESIDENT", description = "the resident's id, or the form code of their letter")
        String who;
        @Option(names = "--dose", defaultValue = "1", description = "the dose (default 1)")
        int dose;
        @Option(names = "--wave", description = "the wave, when the resident is booked in more than one")
        String wave;

        @Override
        public Integer call() {
            var options = booking.desk(d -> d.options(who, wave, dose));
            if (options.isEmpty()) {
                System.out.println("No session with room: import more sessions, or ask another site.");
                return 0;
            }
            System.out.printf("%-8s %-6s %-16s %6s %6s  %s%n", "session", "site", "starts", "room", "km", "site name");
            options.forEach(o -> System.out.printf(java.util.Locale.ROOT, "%-8d %-6s %-16s %6d %6.1f  %s%n", o.sessionId(), o.siteCode(),
                    o.start().toString().replace('T', ' '), o.room(), o.km(), o.siteName()));
            System.out.println("Next: scripts/ofuku booking move " + who + " --to SESSION (or book " + who + " --session SESSION)");
            return 0;
        }
    }

    @Command(name = "move", mixinStandardHelpOptions = true,
            description = "Moves a resident's booking to another session with room (see options); a change letter follows.")
    static class Move implements Callable<Integer> {
        @ParentCommand
        BookingCommand booking;
        @picocli.CommandLine.Mixin
        Change change;
        @Option(names = "--to", required = true, description = "the session to move to (from booking options)")
        long session;
        @Option(names = "--dose", defaultValue = "1", description = "the dose to move (default 1)")
        int dose;

        @Override
        public Integer call() {
            var c = booking.desk(d -> d.move(change.who, change.wave, dose, session, change.noLetter, change.actor()));
            System.out.println("Moved for resident " + c.residentId() + " (wave " + c.wave() + "): from " + c.before() + " to " + c.after() + ".");
            Change.next(c.letter());
            return 0;
        }
    }

    @Command(name = "book", mixinStandardHelpOptions = true,
            description = "Books by telephone a resident who is not booked: one who was invited (a reply that went astray or"
                    + " never came), or one never invited (say the wave with --wave; the wave's invite then leaves them out). A letter"
                    + " with the booking follows.")
    static class Book implements Callable<Integer> {
        @ParentCommand
        BookingCommand booking;
        @picocli.CommandLine.Mixin
        Change change;
        @Option(names = "--session", required = true, description = "the session (from booking options)")
        long session;

        @Override
        public Integer call() {
            var c = booking.desk(d -> d.book(change.who, change.wave, session, change.noLetter, change.actor()));
            System.out.println("Booked by telephone for resident " + c.residentId() + " (wave " + c.wave() + "): " + c.after() + ".");
            Change.next(c.letter());
            return 0;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancels a resident's booking (and the later doses booked with it): the place is free at once. A"
                    + " change letter (\"your appointment is cancelled\") is printed by the next confirm, except for a death or"
                    + " with --no-letter.")
    static class Cancel implements Callable<Integer> {

        @ParentCommand
        BookingCommand booking;
        @picocli.CommandLine.Mixin
        Change change;
        @Option(names = "--reason", required = true, description = "asked, ill, deceased, moved or other")
        String reason;
        @Option(names = "--dose", defaultValue = "1", description = "the first dose to cancel (later doses go with it; default 1)")
        int dose;

        @Override
        public Integer call() {
            BookingDesk.Cancelled c = booking.desk(d -> d.cancel(change.who, change.wave, dose, reason, change.noLetter,
                    change.actor()));
            System.out.println("Cancelled for resident " + c.residentId() + " (wave " + c.wave() + "): " + String.join("; ", c.doses())
                    + ". The places are free again.");
            Change.next(c.letter());
            return 0;
        }
    }

    /** What one attendance recorded, in a line. */
    private static void said(Attendance.Recorded r) {
        System.out.println((r.already() ? "Already recorded: " : "Recorded: ") + "resident " + r.residentId() + " (wave " + r.wave()
                + ") dose " + r.dose() + " at " + r.session() + ": " + r.outcome().stored.replace('_', '-') + "."
                + (r.next().isEmpty() ? "" : " The booking was cancelled; " + r.next() + "."));
    }

    /** Names a resident's booked dose, for attendance. */
    static class Attend {
        @Parameters(paramLabel = "RESIDENT", description = "the resident's id, or the form code of their letter")
        String who;
        @Option(names = "--dose", defaultValue = "1", description = "the dose whose session it was (default 1)")
        int dose;
        @Option(names = "--wave", description = "the wave, when the resident is booked in more than one")
        String wave;
        @Option(names = "--by", description = "who recorded it (in the audit log with the system user)")
        String by;

        int record(BookingCommand booking, Attendance.Outcome outcome) {
            said(booking.desk(Attendance.class, a -> a.record(who, wave, dose, outcome, actor(by))));
            return 0;
        }
    }

    @Command(name = "attended", mixinStandardHelpOptions = true,
            description = "Records that the resident came to their session (after the session has begun).")
    static class Attended implements Callable<Integer> {
        @ParentCommand
        BookingCommand booking;
        @picocli.CommandLine.Mixin
        Attend attend;

        @Override
        public Integer call() {
            return attend.record(booking, Attendance.Outcome.ATTENDED);
        }
    }

    @Command(name = "no-show", mixinStandardHelpOptions = true,
            description = {"Records that the resident did not come to their session: the booking and the later doses booked with it",
                    "are cancelled; a first dose booked from a reply is offered new dates by the next invite or nightly run, any other",
                    "is booked again by hand when they call."})
    static class NoShow implements Callable<Integer> {
        @ParentCommand
        BookingCommand booking;
        @picocli.CommandLine.Mixin
        Attend attend;

        @Override
        public Integer call() {
            return attend.record(booking, Attendance.Outcome.NO_SHOW);
        }
    }

    @Command(name = "attendance", mixinStandardHelpOptions = true,
            description = {"Records a site's attendance list: a CSV with the columns resident_id, site_code, session_start",
                    "(YYYY-MM-DD HH:MM) and attendance (attended or no_show; yes/no and 出席/欠席 too; empty rows are skipped).",
                    "scripts/ofuku export bookings with an attendance column added will do. A row that cannot be recorded is",
                    "held with its line and reason; the others are recorded."})
    static class AttendanceList implements Callable<Integer> {
        @ParentCommand
        BookingCommand booking;
        @Parameters(paramLabel = "FILE", description = "the site's list (CSV, UTF-8 or windows-31j)")
        java.nio.file.Path file;
        @Option(names = "--by", description = "who recorded it (in the audit log with the system user)")
        String by;

        @Override
        public Integer call() {
            Attendance.ListResult result = booking.desk(Attendance.class, a -> {
                try {
                    return a.recordList(file, actor(by));
                } catch (java.io.IOException e) {
                    throw new BookingDesk.Refused("cannot read " + file + ": " + e.getMessage());
                }
            });
            long again = result.recorded().stream().filter(r -> r.step() == Attendance.Step.BY_HAND).count();
            System.out.printf("Attendance from %s: %d attended, %d no-shows recorded (%d already recorded before).%n", file.getFileName(),
                    result.count(Attendance.Outcome.ATTENDED), result.count(Attendance.Outcome.NO_SHOW),
                    result.recorded().stream().filter(Attendance.Recorded::already).count());
            if (result.count(Attendance.Outcome.NO_SHOW) > 0) {
                System.out.println("No-shows: their bookings are cancelled; " + (result.count(Attendance.Outcome.NO_SHOW) - again)
                        + " are offered new dates by the next nightly, " + again + " to book again by hand when they call:");
                result.recorded().stream().filter(r -> r.step() == Attendance.Step.BY_HAND)
                        .forEach(r -> System.out.println("  " + r.residentId() + " dose " + r.dose()));
            }
            if (!result.held().isEmpty()) {
                System.out.println("HELD: " + result.held().size() + " rows not recorded (correct them and record the file again;"
                        + " rows already recorded are not changed):");
                result.held().forEach(h -> System.out.println("  " + h));
                return OfukuCommand.EXIT_INCOMPLETE;
            }
            return 0;
        }
    }
}
