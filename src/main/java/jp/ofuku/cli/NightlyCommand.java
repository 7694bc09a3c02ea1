package jp.ofuku.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;

import jp.ofuku.nightly.Nightly;
import jp.ofuku.nightly.NightlySummary;
import jp.ofuku.ops.JobOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "nightly", mixinStandardHelpOptions = true,
        description = {"The nightly run, for one business date: read the inbox (OFUKU_NIGHTLY_INBOX, default inbox/), book the",
                "replies, print confirmations and new-dates letters (into OFUKU_NIGHTLY_OUT, default out/print). One nightly runs",
                "at a time, once per date. Killed or failed midway, it is carried on by: scripts/ofuku restart RUN (or by running",
                "the same date again); finished stages are not repeated."},
        footer = {"", "Examples:", "  scripts/ofuku nightly", "  scripts/ofuku nightly --date 2026-11-26",
                "  cron: 0 3 * * * cd /opt/ofuku && scripts/ofuku nightly >> data/logs/nightly.log 2>&1"})
class NightlyCommand implements Callable<Integer> {

    @ParentCommand
    OfukuCommand ofuku;

    @Option(names = "--date", description = "the business date (YYYY-MM-DD; default: today)")
    LocalDate date;

    @Option(names = "--inbox", description = "the folder scans and faxes arrive in (default: OFUKU_NIGHTLY_INBOX, or inbox)")
    java.nio.file.Path inbox;

    @Option(names = "--out", description = "the folder for print files (default: OFUKU_NIGHTLY_OUT, or out/print)")
    java.nio.file.Path out;

    @Override
    public Integer call() throws Exception {
        LocalDate day = date != null ? date : LocalDate.now(ofuku.bean(java.time.Clock.class));
        jp.ofuku.nightly.NightlyProperties folders = ofuku.bean(jp.ofuku.nightly.NightlyProperties.class);
        JobOutcome o = ofuku.bean(Nightly.class).run(day, inbox != null ? inbox : java.nio.file.Path.of(folders.inbox()),
                out != null ? out : java.nio.file.Path.of(folders.out()));
        print(day, o);
        java.nio.file.Path report = ofuku.bean(Nightly.class).report(o);
        if (java.nio.file.Files.exists(report)) {
            System.out.println("Report: " + report + " (and .pdf)");
        }
        if (!o.completed()) {
            throw new OfukuCommand.UserError("nightly run " + o.executionId() + " for " + day + " did not finish: " + o.failure()
                    + "; fix the cause, then: scripts/ofuku restart " + o.executionId());
        }
        return 0;
    }

    static void print(LocalDate day, JobOutcome o) {
        System.out.println("Nightly for " + day + " (run " + o.executionId() + "): " + (o.completed() ? "done" : "not finished"));
        NightlySummary.lines(o).forEach(System.out::println);
    }
}
