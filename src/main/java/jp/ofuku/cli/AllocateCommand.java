package jp.ofuku.cli;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import jp.ofuku.booking.Allocation;
import jp.ofuku.ops.JobOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "allocate", mixinStandardHelpOptions = true,
        description = {"Books accepted replies into sessions: as many residents as possible, each into one session they marked;",
                "then the oldest (or, by configuration, the earliest replies) first, then earlier sessions.",
                "Safe to run again: what is booked stays booked, and only new replies are decided."},
        footer = {"", "Example:", "  scripts/ofuku allocate", "  scripts/ofuku export bookings --out out/bookings.csv"})
class AllocateCommand implements Callable<Integer> {

    @ParentCommand
    OfukuCommand ofuku;

    @Override
    public Integer call() throws Exception {
        JobOutcome o = ofuku.bean(Allocation.class).run();
        if (!o.completed()) {
            throw new OfukuCommand.UserError("allocate failed (run " + o.executionId() + "): " + o.failure()
                    + "; nothing was booked by it. Fix the cause and run allocate again.");
        }
        Map<String, Long> c = o.counts();
        System.out.printf(Locale.ROOT, "Allocated (run %d): %,d booked, %,d could not be placed (their sessions are full),"
                        + " %,d asked for other dates, %,d declined, %,d replies from residents already booked sent to review.%n",
                o.executionId(), c.getOrDefault(jp.ofuku.booking.AllocateRun.BOOKED, 0L), c.getOrDefault(jp.ofuku.booking.AllocateRun.UNPLACED, 0L), c.getOrDefault(jp.ofuku.booking.AllocateRun.OTHER_DATES, 0L),
                c.getOrDefault(jp.ofuku.booking.AllocateRun.DECLINED, 0L), c.getOrDefault(jp.ofuku.booking.AllocateRun.REVIEW, 0L));
        ofuku.bean(jp.ofuku.nightly.RunReports.class).of("allocate", o.executionId())
                .ifPresent(r -> System.out.println("Report: " + r + " (and .pdf)"));
        long waiting = c.getOrDefault(jp.ofuku.booking.AllocateRun.UNPLACED, 0L) + c.getOrDefault(jp.ofuku.booking.AllocateRun.OTHER_DATES, 0L);
        long review = c.getOrDefault(jp.ofuku.booking.AllocateRun.REVIEW, 0L);
        if (review > 0) {
            System.out.printf(Locale.ROOT, "  FOR REVIEW: %,d replies were not booked: a person decides (scripts/ofuku review list).%n",
                    review);
        }
        System.out.println(waiting > 0 ? "Next: scripts/ofuku confirm (confirmations, and new dates for those not placed)"
                : "Next: scripts/ofuku confirm (confirmation letters); scripts/ofuku export bookings --out FILE.csv");
        return review > 0 ? OfukuCommand.EXIT_INCOMPLETE : 0;
    }
}
