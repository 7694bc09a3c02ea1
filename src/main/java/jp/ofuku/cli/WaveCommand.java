package jp.ofuku.cli;

import java.util.concurrent.Callable;

import jp.ofuku.invite.OpenWaves;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "wave", mixinStandardHelpOptions = true,
        description = {"Waves left open: each nightly invites the residents who newly match an open wave's rule that night (turned",
                "65, moved in), once each, until the wave is closed. Residents already invited in the wave, or booked in it by",
                "telephone, are never invited again."},
        subcommands = {WaveCommand.Open.class, WaveCommand.Close.class, WaveCommand.ListWaves.class},
        footer = {"", "Examples:", "  scripts/ofuku wave open 2027-spring --cohort 'age 65..' --by sato",
                "  scripts/ofuku wave list", "  scripts/ofuku wave close 2027-spring --by sato"})
class WaveCommand {

    @ParentCommand
    OfukuCommand ofuku;

    private <T> T waves(java.util.function.Function<OpenWaves, T> change) {
        return change.apply(ofuku.bean(OpenWaves.class));
    }

    private static String actor(String by) {
        return jp.ofuku.ops.Audit.commandLine(by);
    }

    @Command(name = "open", mixinStandardHelpOptions = true,
            description = "Opens a wave (new or already invited) with its rule; prints whom tonight's nightly would invite for it.")
    static class Open implements Callable<Integer> {
        @ParentCommand
        WaveCommand waves;
        @Parameters(paramLabel = "WAVE", description = "the wave's name, e.g. 2027-spring")
        String wave;
        @Option(names = "--cohort", required = true, description = "who the wave invites, as for invite, without 'on DATE'"
                + " (ages are counted on each night's date)")
        String cohort;
        @Option(names = "--by", description = "who opened it (in the audit log with the system user)")
        String by;

        @Override
        public Integer call() {
            var preview = waves.waves(w -> w.open(wave, cohort, actor(by)));
            InviteCommand.print(preview, 0);
            System.out.println("Wave " + wave + " is open: each nightly invites the residents who newly match '" + cohort
                    + "' (tonight: " + preview.letters() + "). Close it with scripts/ofuku wave close " + wave + ".");
            return 0;
        }
    }

    @Command(name = "close", mixinStandardHelpOptions = true, description = "Closes an open wave: the nightly invites no more for it.")
    static class Close implements Callable<Integer> {
        @ParentCommand
        WaveCommand waves;
        @Parameters(paramLabel = "WAVE", description = "the wave's name")
        String wave;
        @Option(names = "--by", description = "who closed it (in the audit log with the system user)")
        String by;

        @Override
        public Integer call() {
            waves.waves(w -> {
                w.close(wave, actor(by));
                return null;
            });
            System.out.println("Wave " + wave + " is closed: the nightly invites no more for it. Replies and bookings go on as before.");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every wave: open or not, its rule, residents invited.")
    static class ListWaves implements Callable<Integer> {
        @ParentCommand
        WaveCommand waves;

        @Override
        public Integer call() {
            var all = waves.waves(OpenWaves::all);
            if (all.isEmpty()) {
                System.out.println("No wave yet: scripts/ofuku invite --wave NAME --cohort RULE, or scripts/ofuku wave open NAME --cohort RULE.");
                return 0;
            }
            System.out.printf("%-20s %-7s %9s  %s%n", "wave", "nightly", "invited", "rule");
            all.forEach(w -> System.out.printf(java.util.Locale.ROOT, "%-20s %-7s %,9d  %s%n", w.wave(),
                    w.open() ? "open" : w.closedAt() != null ? "closed" : "-", w.invited(), w.rule() == null ? "" : w.rule()));
            return 0;
        }
    }
}
