package jp.ofuku.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import jp.ofuku.booking.HeldLetters;
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

    private List<HeldLetters.Letter> held() {
        return ofuku.bean(HeldLetters.class).all();
    }

    @Command(name = "held", mixinStandardHelpOptions = true, description = "Lists every held letter: form code, resident, kind, why.")
    static class Held implements Callable<Integer> {

        @ParentCommand
        LettersCommand letters;

        @Override
        public Integer call() {
            List<HeldLetters.Letter> held = letters.held();
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
            List<HeldLetters.Letter> held = letters.held();
            List<String> wanted = all ? held.stream().map(HeldLetters.Letter::formCode).toList() : codes;
            HeldLetters heldLetters = letters.ofuku.bean(HeldLetters.class);
            Audit audit = letters.ofuku.bean(Audit.class);
            int released = 0;
            List<String> notHeld = new ArrayList<>();
            for (String code : wanted) {
                HeldLetters.Letter piece = held.stream().filter(l -> l.formCode().equals(code)).findFirst().orElse(null);
                if (piece != null && heldLetters.release(piece)) {
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
