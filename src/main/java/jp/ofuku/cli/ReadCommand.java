package jp.ofuku.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import jp.ofuku.ops.JobOutcome;
import jp.ofuku.replies.Replies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "read", mixinStandardHelpOptions = true,
        description = {"Read returned reply forms: scans and faxes as TIFF (multi-page, any CCITT variant), PDF, PNG or JPEG.",
                "Each file is copied to data/archive (or, if it cannot be decoded, to data/quarantine with a .reason.txt) "
                        + "and removed from where it was only once what was read is saved. A file already read is not read again.",
                "Pages that are not our form, forged codes and unsure marks go to the review queue."},
        footer = {"", "Example:", "  scripts/ofuku read inbox/"})
class ReadCommand implements Callable<Integer> {

    @ParentCommand
    private OfukuCommand ofuku;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "files or folders")
    private List<Path> paths;

    @Override
    public Integer call() throws Exception {
        JobOutcome o = ofuku.bean(Replies.class).read(paths);
        var c = o.counts();
        System.out.printf(Locale.ROOT, "%s, job execution %d%n", o.completed() ? "Read" : "Did not finish reading", o.executionId());
        System.out.printf(Locale.ROOT, "  files: %,d read, %,d already read before, %,d quarantined%n", c.getOrDefault(jp.ofuku.replies.ReadRun.FILES, 0L),
                c.getOrDefault(jp.ofuku.replies.ReadRun.SEEN, 0L), c.getOrDefault(jp.ofuku.replies.ReadRun.QUARANTINED, 0L));
        System.out.printf(Locale.ROOT, "  pages: %,d — %,d replies, %,d the same reply again, %,d for review, %,d blank%n",
                c.getOrDefault(jp.ofuku.replies.ReadRun.PAGES, 0L), c.getOrDefault(jp.ofuku.replies.ReadRun.REPLY, 0L), c.getOrDefault(jp.ofuku.replies.ReadRun.DUPLICATE, 0L),
                c.getOrDefault(jp.ofuku.replies.ReadRun.REVIEW, 0L), c.getOrDefault(jp.ofuku.replies.ReadRun.BLANK, 0L));
        ofuku.bean(jp.ofuku.nightly.RunReports.class).of("read", o.executionId())
                .ifPresent(r -> System.out.println("Report: " + r + " (and .pdf)"));
        if (!o.completed()) {
            throw new OfukuCommand.UserError("read failed: " + o.failure() + "; run the same command again: files already read are not read twice");
        }
        long review = c.getOrDefault(jp.ofuku.replies.ReadRun.REVIEW, 0L);
        long quarantined = c.getOrDefault(jp.ofuku.replies.ReadRun.QUARANTINED, 0L);
        if (quarantined > 0) {
            System.out.printf(Locale.ROOT, "  QUARANTINED: %,d files could not be read at all (each with its reason in data/quarantine);"
                    + " ask for them again or look at them by hand.%n", quarantined);
        }
        if (review > 0) {
            System.out.printf(Locale.ROOT, "  FOR REVIEW: %,d pages need a person before anything is booked from them.%n", review);
            System.out.println("Next: scripts/ofuku review list (or the review queue of the web console)");
        }
        return review + quarantined > 0 ? OfukuCommand.EXIT_INCOMPLETE : 0;
    }
}
