package jp.ofuku.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import jp.ofuku.invite.Cohort;
import jp.ofuku.invite.CohortPreview;
import jp.ofuku.invite.Invitations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "invite", mixinStandardHelpOptions = true,
        description = {"Choose each invited resident's options and print the letters (letter + reply form) into print "
                + "files of at most 1,000 pieces with a manifest each.",
                "Every run first prints the preview: how many letters, by age band and district, and who is left out "
                        + "and why. --dry-run stops there.",
                "Rerunning a wave invites only residents not yet invited; a run killed at any moment can be rerun "
                        + "and prints no letter twice."},
        footer = {"", "Cohort rules (joined with 'and'):",
                "  age 65..   age 65..74 on 2027-04-01   age ..15   district D01,D02   needs wheelchair",
                "  language vi,pt   not district D09   all",
                "", "Examples:",
                "  scripts/ofuku invite --wave 2027-spring --cohort 'age 65..' --dry-run",
                "  scripts/ofuku invite --wave 2027-spring --cohort 'age 65.. and not district D24' --out out/print"})
class InviteCommand implements Callable<Integer> {

    @ParentCommand
    private OfukuCommand ofuku;

    @Option(names = "--wave", required = true, description = "the wave's name, e.g. 2027-spring (names the print files)")
    private String wave;

    @Option(names = "--cohort", defaultValue = "all", description = "who to invite (default: ${DEFAULT-VALUE})")
    private String cohort;

    @Option(names = "--out", description = "folder for print files and the run report (default: out/print/WAVE)")
    private Path out;

    @Option(names = "--dry-run", description = "print the preview only")
    private boolean dryRun;

    @Option(names = "--force", description = "go ahead although the rule selects nobody, its reference date is far from today, "
            + "or the sessions cannot offer every resident all their dates (those without any are left for a later run)")
    private boolean force;

    @Override
    public Integer call() throws Exception {
        Invitations invitations = ofuku.bean(Invitations.class);
        Cohort c = invitations.cohort(wave, cohort);
        CohortPreview.Preview preview = invitations.preview(c);
        print(preview, invitations.waitingToPrint(wave));
        if (dryRun) {
            System.out.println("Dry run: nothing was planned or printed. Run again without --dry-run to print these letters.");
            return 0;
        }
        if (invitations.alreadyDone(preview)) {
            // the same command again after it finished (or after a crash that came once its last letter was printed)
            System.out.printf(Locale.ROOT, "Nothing to do: everyone the rule selects is already invited in wave %s, and nothing is"
                    + " waiting to print. Its letters are in the print files of its runs (scripts/ofuku status).%n", wave);
            return 0;
        }
        String refusal = invitations.refusal(preview);
        if (refusal != null && !force) {
            throw new OfukuCommand.UserError("invite stopped: " + refusal);
        }
        Path folder = out != null ? out : Path.of("out", "print", wave);
        Invitations.Outcome o = invitations.run(c, folder);
        System.out.println();
        System.out.printf(Locale.ROOT, "%s wave %s, job execution %d%n", o.completed() ? "Invited for" : "Did not finish",
                wave, o.executionId());
        System.out.printf(Locale.ROOT, "  this run: %,d residents planned, %,d letters in %,d print file(s) (%,d pages), "
                + "%,d held as exceptions%n", o.planned(), o.printed(), o.files(), o.pages(), o.exceptions());
        System.out.printf(Locale.ROOT, "  the wave so far: %,d printed, %,d waiting, %,d exceptions%n",
                o.wave().getOrDefault("printed", 0L), o.wave().getOrDefault("planned", 0L),
                o.wave().getOrDefault("exception", 0L));
        System.out.println("  print files and manifests: " + folder + "/");
        if (!o.report().isEmpty()) {
            System.out.println("  run report: " + o.report());
        }
        if (!o.completed()) {
            throw new OfukuCommand.UserError("invite " + wave + " failed: " + o.failure()
                    + "; fix the cause and run the same command again: nothing already printed is printed twice");
        }
        return notDone(o);
    }

    /** What the run did not do, and what to do next; the exit status says whether anything was left undone. */
    static int notDone(Invitations.Outcome o) {
        if (o.leftOut() > 0) {
            System.out.printf(Locale.ROOT, "  NOT INVITED: %,d residents (no session with room near them): no letter was printed "
                    + "for them.%n", o.leftOut());
        }
        if (o.fewerOptions() > 0) {
            System.out.printf(Locale.ROOT, "  %,d residents were offered fewer dates than asked (sessions near them are full).%n",
                    o.fewerOptions());
        }
        if (o.exceptions() > 0) {
            System.out.printf(Locale.ROOT, "  HELD: %,d letters were not printed (a character no font draws, or a page that "
                    + "failed the print check); the reasons are in the run report and in `scripts/ofuku letters held`.%n",
                    o.exceptions());
        }
        if (o.leftOut() > 0) {
            System.out.println("Next: import more sessions (scripts/ofuku import sessions FILE), then run the same command again: "
                    + "it invites only those not yet invited.");
        } else if (o.exceptions() > 0) {
            System.out.println("Next: fix what the reasons say (usually the name in the registry), then "
                    + "`scripts/ofuku letters release --all` and run the same command again: held letters are printed then.");
        }
        return o.incomplete() ? OfukuCommand.EXIT_INCOMPLETE : 0;
    }

    static void print(CohortPreview.Preview p, long waiting) {
        System.out.println("Invitation preview: wave " + p.cohort().wave());
        System.out.println("  rule: " + p.cohort().rule().describe(p.cohort().referenceDate())
                + ", active residents only, not already invited in this wave");
        System.out.printf(Locale.ROOT, "  letters to plan: %,d%n", p.letters());
        if (p.letters() > 0) {
            System.out.println("    by age band:  " + join(p.byAgeBand()));
            System.out.println("    by district:  " + join(p.byDistrict()));
        }
        if (waiting > 0) {
            System.out.printf(Locale.ROOT, "  planned by an earlier run and waiting to print: %,d%n", waiting);
        }
        System.out.printf(Locale.ROOT, "  left out: %,d%n", p.excludedTotal());
        p.excluded().forEach((why, n) -> System.out.printf(Locale.ROOT, "    %-16s %,d%n", why + ":", n));
        CohortPreview.DateForecast d = p.dates();
        System.out.printf(Locale.ROOT, "  dates the sessions can offer them now (%d each, a session offered to at most its "
                + "capacity × the offer multiple):%n", d.options());
        System.out.printf(Locale.ROOT, "    %-16s %,d%n", "all " + d.options() + " dates:", d.full());
        System.out.printf(Locale.ROOT, "    %-16s %,d%n", "fewer dates:", d.fewer());
        System.out.printf(Locale.ROOT, "    %-16s %,d%s%n", "no date at all:", d.none(), d.none() == 0 ? ""
                : "  (not invited; by district: " + join(d.noneByDistrict()) + ")");
    }

    private static String join(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
