package jp.ofuku.nightly;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jp.ofuku.booking.AllocateRun;
import jp.ofuku.booking.ConfirmRun;
import jp.ofuku.invite.Invitations;
import jp.ofuku.ops.JobOutcome;
import jp.ofuku.replies.ReadRun;

/** What a nightly run did, stage by stage, in lines an operator can act on, ending with what to do next. */
public final class NightlySummary {

    private NightlySummary() {
    }

    public static List<String> lines(JobOutcome o) {
        Map<String, Long> c = o.counts();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  read       %,d files (%,d read before, %,d quarantined); %,d pages: %,d replies, %,d for review",
                n(c, "read", ReadRun.FILES), n(c, "read", ReadRun.SEEN), n(c, "read", ReadRun.QUARANTINED), n(c, "read", ReadRun.PAGES), n(c, "read", ReadRun.REPLY),
                n(c, "read", ReadRun.REVIEW)));
        lines.add(String.format(Locale.ROOT, "  allocate   %,d booked (%,d next doses), %,d not placed, %,d asked for other dates,"
                        + " %,d declined, %,d for review",
                n(c, "allocate", AllocateRun.BOOKED), n(c, "allocate", AllocateRun.NEXT_DOSE_BOOKED), n(c, "allocate", AllocateRun.UNPLACED), n(c, "allocate", AllocateRun.OTHER_DATES),
                n(c, "allocate", AllocateRun.DECLINED), n(c, "allocate", AllocateRun.REVIEW)));
        lines.add(String.format(Locale.ROOT, "  confirm    %,d confirmation letters%s in %,d print files%s", n(c, "confirm", ConfirmRun.LETTERS),
                n(c, "confirm", ConfirmRun.CHANGE_LETTERS) > 0 ? " and " + n(c, "confirm", ConfirmRun.CHANGE_LETTERS) + " change letters" : "",
                n(c, "confirm", ConfirmRun.FILES), n(c, "confirm", ConfirmRun.HELD) > 0 ? "; HELD (not printed): " + n(c, "confirm", ConfirmRun.HELD) : ""));
        lines.add(String.format(Locale.ROOT, "  new dates  %,d letters with new reply forms in %,d print files%s%s", n(c, "new-dates", Invitations.PRINTED),
                n(c, "new-dates", Invitations.FILES), n(c, "new-dates", Invitations.EXCEPTIONS) > 0 ? "; HELD (not printed): " + n(c, "new-dates", Invitations.EXCEPTIONS) : "",
                n(c, "new-dates", Invitations.NO_OPTIONS) > 0 ? "; NOT WRITTEN TO (no session with room near them): " + n(c, "new-dates", Invitations.NO_OPTIONS) : ""));
        if (n(c, "invite", ChildJobTasklet.JOBS) > 0) {
            lines.add(String.format(Locale.ROOT, "  invite     %,d letters to residents newly in an open wave, in %,d print files%s%s",
                    n(c, "invite", Invitations.PRINTED), n(c, "invite", Invitations.FILES),
                    n(c, "invite", Invitations.EXCEPTIONS) > 0 ? "; HELD (not printed): " + n(c, "invite", Invitations.EXCEPTIONS) : "",
                    n(c, "invite", Invitations.NO_OPTIONS) > 0 ? "; NOT WRITTEN TO (no session with room near them): " + n(c, "invite", Invitations.NO_OPTIONS) : ""));
        }
        List<String> next = new ArrayList<>();
        long review = n(c, "read", ReadRun.REVIEW) + n(c, "allocate", AllocateRun.REVIEW);
        if (review > 0) {
            next.add("resolve " + review + " review item(s): scripts/ofuku review list");
        }
        if (n(c, "read", ReadRun.QUARANTINED) > 0) {
            next.add("look at the quarantined files (scripts/ofuku status shows where): they could not be read at all");
        }
        long held = n(c, "confirm", ConfirmRun.HELD) + n(c, "new-dates", Invitations.EXCEPTIONS) + n(c, "invite", Invitations.EXCEPTIONS);
        if (held > 0) {
            next.add("see why " + held + " letter(s) were held (scripts/ofuku letters held), fix the cause, then scripts/ofuku"
                    + " letters release --all: the next run prints them");
        }
        if (n(c, "new-dates", Invitations.NO_OPTIONS) + n(c, "invite", Invitations.NO_OPTIONS) > 0) {
            next.add("import more sessions: " + (n(c, "new-dates", Invitations.NO_OPTIONS) + n(c, "invite", Invitations.NO_OPTIONS))
                    + " resident(s) need dates and none has room near them");
        }
        if (n(c, "confirm", ConfirmRun.LETTERS) + n(c, "confirm", ConfirmRun.CHANGE_LETTERS) + n(c, "new-dates", Invitations.PRINTED) + n(c, "invite", Invitations.PRINTED) > 0) {
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

    /** A stage's count, as the nightly keeps it: "stage.name". */
    private static long n(Map<String, Long> counts, String stage, String name) {
        return n(counts, stage + "." + name);
    }
}
