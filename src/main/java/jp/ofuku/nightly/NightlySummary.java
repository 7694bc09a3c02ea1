package jp.ofuku.nightly;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jp.ofuku.ops.JobOutcome;

/** What a nightly run did, stage by stage, in lines an operator can act on, ending with what to do next. */
public final class NightlySummary {

    private NightlySummary() {
    }

    public static List<String> lines(JobOutcome o) {
        Map<String, Long> c = o.counts();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  read       %,d files (%,d read before, %,d quarantined); %,d pages: %,d replies, %,d for review",
                n(c, "read.files"), n(c, "read.seen"), n(c, "read.quarantined"), n(c, "read.pages"), n(c, "read.reply"),
                n(c, "read.review")));
        lines.add(String.format(Locale.ROOT, "  allocate   %,d booked (%,d next doses), %,d not placed, %,d asked for other dates,"
                        + " %,d declined, %,d for review",
                n(c, "allocate.booked"), n(c, "allocate.next_dose_booked"), n(c, "allocate.unplaced"), n(c, "allocate.other_dates"),
                n(c, "allocate.declined"), n(c, "allocate.review")));
        lines.add(String.format(Locale.ROOT, "  confirm    %,d confirmation letters%s in %,d print files%s", n(c, "confirm.letters"),
                n(c, "confirm.change_letters") > 0 ? " and " + n(c, "confirm.change_letters") + " change letters" : "",
                n(c, "confirm.files"), n(c, "confirm.held") > 0 ? "; HELD (not printed): " + n(c, "confirm.held") : ""));
        lines.add(String.format(Locale.ROOT, "  new dates  %,d letters with new reply forms in %,d print files%s%s", n(c, "new-dates.printed"),
                n(c, "new-dates.files"), n(c, "new-dates.exceptions") > 0 ? "; HELD (not printed): " + n(c, "new-dates.exceptions") : "",
                n(c, "new-dates.noOptions") > 0 ? "; NOT WRITTEN TO (no session with room near them): " + n(c, "new-dates.noOptions") : ""));
        if (n(c, "invite.jobs") > 0) {
            lines.add(String.format(Locale.ROOT, "  invite     %,d letters to residents newly in an open wave, in %,d print files%s%s",
                    n(c, "invite.printed"), n(c, "invite.files"),
                    n(c, "invite.exceptions") > 0 ? "; HELD (not printed): " + n(c, "invite.exceptions") : "",
                    n(c, "invite.noOptions") > 0 ? "; NOT WRITTEN TO (no session with room near them): " + n(c, "invite.noOptions") : ""));
        }
        List<String> next = new ArrayList<>();
        long review = n(c, "read.review") + n(c, "allocate.review");
        if (review > 0) {
            next.add("resolve " + review + " review item(s): scripts/ofuku review list");
        }
        if (n(c, "read.quarantined") > 0) {
            next.add("look at the quarantined files (scripts/ofuku status shows where): they could not be read at all");
        }
        long held = n(c, "confirm.held") + n(c, "new-dates.exceptions") + n(c, "invite.exceptions");
        if (held > 0) {
            next.add("see why " + held + " letter(s) were held (scripts/ofuku letters held), fix the cause, then scripts/ofuku"
                    + " letters release --all: the next run prints them");
        }
        if (n(c, "new-dates.noOptions") + n(c, "invite.noOptions") > 0) {
            next.add("import more sessions: " + (n(c, "new-dates.noOptions") + n(c, "invite.noOptions"))
                    + " resident(s) need dates and none has room near them");
        }
        if (n(c, "confirm.letters") + n(c, "confirm.change_letters") + n(c, "new-dates.printed") + n(c, "invite.printed") > 0) {
            next.add("print and post the new print files");
        }
        if (!o.completed()) {
            next.add(0, "fix the cause above, then carry the run on: scripts/ofuku restart " + o.executionId()
                    + " (finished stages are not repeated)");
        }
        lines.add(next.isEmpty() ? "Next: nothing to do until tomorrow's run." : "Next: " + String.join("; ", next) + ".");
        return lines;
    }

    private static long n(Map<String, Long> counts, String key) {
        return counts.getOrDefault(key, 0L);
    }
}
