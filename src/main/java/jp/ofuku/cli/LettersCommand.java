package jp.ofuku.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import jp.ofuku.booking.ConfirmStore;
import jp.ofuku.invite.Invitations;
import jp.ofuku.ops.Audit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "letters", mixinStandardHelpOptions = true,
        description = {"Letters held back from the printer: a character no font draws, or a page that failed the print check.",
                "A held letter is never printed until it is released; after the cause is fixed (usually the name in the",
                "registry, imported again), release it and run the same invite or confirm again: it is printed once."},
        subcommands = {LettersCommand.Held.class, LettersCommand.Release.class},
        footer = {"", "Examples:", "  scripts/ofuku letters held", "  scripts/ofuku letters release 1000010152 1000010249",
                "  scripts/ofuku letters release --all"})
class LettersCommand {

    @ParentCommand
    OfukuCommand ofuku;

    /** One held letter of any kind, for listing and releasing. */
    private record Piece(String formCode, String residentId, String kind, String reason) {
    }

    private List<Piece> held() {
        List<Piece> held = new ArrayList<>();
        ofuku.bean(Invitations.class).held().forEach(h -> held.add(new Piece(h.formCode(), h.residentId(),
                h.kind() + " " + h.wave(), h.reason())));
        ofuku.bean(ConfirmStore.class).held().forEach(h -> held.add(new Piece(h.formCode(), h.residentId(), "confirmation",
                h.reason())));
        ofuku.bean(jp.ofuku.booking.ChangeLetterStore.class).held().forEach(h -> held.add(new Piece(h.formCode(), h.residentId(),
                "change letter", h.reason())));
        return held;
    }

    @Command(name = "held", mixinStandardHelpOptions = true, description = "Lists every held letter: form code, resident, kind, why.")
    static class Held implements Callable<Integer> {

        @ParentCommand
        LettersCommand letters;

        @Override
        public Integer call() {
            List<Piece> held = letters.held();
            if (held.isEmpty()) {
                System.out.println("No letter is held.");
                return 0;
            }
            System.out.printf(Locale.ROOT, "%-12s %-12s %-24s %s%n", "form code", "resident", "letter", "why it was held");
            held.forEach(p -> System.out.printf(Locale.ROOT, "%-12s %-12s %-24s %s%n", p.formCode(), p.residentId(), p.kind(),
                    p.reason()));
            System.out.printf(Locale.ROOT, "%,d letters held. Next: fix the cause, then scripts/ofuku letters release FORM_CODE… "
                    + "(or --all) and run invite or confirm again.%n", held.size());
            return 0;
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true,
            description = "Puts held letters back in line: the next invite (same wave) or confirm prints them. Audited.")
    static class Release implements Callable<Integer> {

        @ParentCommand
        LettersCommand letters;

        @Parameters(paramLabel = "FORM_CODE", arity = "0..*", description = "the held letters to release")
        List<String> codes = new ArrayList<>();

        @Option(names = "--all", description = "release every held letter")
        boolean all;

        @Override
        public Integer call() {
            if (all == !codes.isEmpty()) {
                throw new OfukuCommand.UserError("letters release: name the form codes to release, or --all (not both)");
            }
            List<Piece> held = letters.held();
            List<String> wanted = all ? held.stream().map(Piece::formCode).toList() : codes;
            Audit audit = letters.ofuku.bean(Audit.class);
            int released = 0;
            List<String> notHeld = new ArrayList<>();
            for (String code : wanted) {
                Piece piece = held.stream().filter(p -> p.formCode().equals(code)).findFirst().orElse(null);
                boolean done = piece != null && switch (piece.kind()) {
                    case "confirmation" -> letters.ofuku.bean(ConfirmStore.class).release(code);
                    case "change letter" -> letters.ofuku.bean(jp.ofuku.booking.ChangeLetterStore.class).release(code);
                    default -> letters.ofuku.bean(Invitations.class).release(code);
                };
                if (done) {
                    audit.record(Audit.commandLine(), "letters.release", code, "held: " + piece.reason(), "released");
                    released++;
                } else {
                    notHeld.add(code);
                }
            }
            System.out.printf(Locale.ROOT, "%,d letters released: the next invite of their wave, or confirm, prints them.%n",
                    released);
            if (!notHeld.isEmpty()) {
                throw new OfukuCommand.UserError("not held (nothing done for them): " + String.join(", ", notHeld)
                        + "; scripts/ofuku letters held lists the held letters");
            }
            return 0;
        }
    }
}
