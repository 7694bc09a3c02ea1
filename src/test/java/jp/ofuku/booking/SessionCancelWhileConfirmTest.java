package jp.ofuku.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import jp.ofuku.letters.PrintFile;
import jp.ofuku.letters.PrintFileCheck;
import jp.ofuku.ops.JobOutcome;
import jp.ofuku.registry.RegistryImport;
import jp.ofuku.support.DatabaseTest;
import jp.ofuku.support.Poppler;

/**
 * A session closed while {@code confirm} prints the confirmations of the residents booked there:
 * whichever comes first, each resident gets one confirmation and, when moved, one change letter
 * (printed by the next confirm) saying where they are booked now; no letter twice, no session
 * over its capacity, the closed session empty.
 */
class SessionCancelWhileConfirmTest extends DatabaseTest {

    @Autowired
    RegistryImport registry;
    @Autowired
    Allocation allocation;
    @Autowired
    SessionCancel sessions;

    @TempDir
    Path dir;

    static final int RESIDENTS = 24;

    @Test
    void aSessionClosedWhileConfirmPrintsLeavesEveryoneOneConfirmationAndOneTrueChangeLetter() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                emptyTheRegistry();
                town(dir.resolve("r" + round)).active("C", "確認　%d", "カクニン", RESIDENTS).invited().replied("{1,2,3}").booked();
                Object[] busiest = jdbc.queryForObject("""
                        SELECT site_code, starts_at, session_id FROM sessions WHERE dose = 1 ORDER BY booked DESC LIMIT 1""",
                        (rs, i) -> new Object[] {rs.getString(1), rs.getObject(2, LocalDateTime.class), rs.getLong(3)});
                long closing = (Long) busiest[2];
                List<String> there = jdbc.queryForList("SELECT resident_id FROM bookings WHERE session_id = ?", String.class, closing);
                assertThat(there).isNotEmpty();

                Path out = dir.resolve("confirm" + round);
                CountDownLatch go = new CountDownLatch(1);
                int pause = round * 120; // each round lets confirm a little further ahead
                long[] ends = new long[2];
                Future<JobOutcome> confirming = pool.submit(() -> {
                    go.await();
                    JobOutcome o = allocation.confirm(out);
                    ends[0] = System.nanoTime();
                    return o;
                });
                Future<SessionCancel.Result> closingIt = pool.submit(() -> {
                    go.await();
                    Thread.sleep(pause);
                    SessionCancel.Result result = sessions.cancel((String) busiest[0], (LocalDateTime) busiest[1], "race", false, "test:race");
                    ends[1] = System.nanoTime();
                    return result;
                });
                long start = System.nanoTime();
                go.countDown();
                JobOutcome first = confirming.get();
                assertThat(first.completed()).isTrue();
                SessionCancel.Result closed = closingIt.get();
                // which came first, for the reader: the outcome must be the same either way
                System.out.printf("round %d: confirm ended at %d ms (%s), the session closed at %d ms%n", round, (ends[0] - start) / 1_000_000,
                        first.counts(), (ends[1] - start) / 1_000_000);
                assertThat(closed.moved()).hasSize(there.size());
                JobOutcome next = allocation.confirm(out);
                assertThat(next.completed()).isTrue();

                String r = "round " + round + ": ";
                assertThat(jdbc.queryForList("""
                        SELECT resident_id FROM confirmations GROUP BY resident_id HAVING count(*) <> 1 OR bool_or(printed_at IS NULL)""",
                        String.class)).as(r + "one confirmation each, printed").isEmpty();
                assertThat(jdbc.queryForObject("SELECT count(DISTINCT resident_id) FROM confirmations", Integer.class)).isEqualTo(RESIDENTS);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM booking_changes WHERE printed_at IS NOT NULL", Integer.class))
                        .as(r + "a change letter for each resident moved, printed").isEqualTo(there.size());
                assertThat(jdbc.queryForObject("SELECT count(*) FROM booking_changes WHERE letter = 'wanted' AND printed_at IS NULL",
                        Integer.class)).as(r + "none left waiting").isZero();
                assertThat(allocation.confirm(out).counts()).as(r + "nothing printed twice").doesNotContainKeys("letters", "change_letters");
                assertThat(jdbc.queryForObject("SELECT count(*) FROM sessions WHERE booked > capacity OR booked <>"
                        + " (SELECT count(*) FROM bookings b WHERE b.session_id = sessions.session_id)", Integer.class))
                        .as(r + "every count true, none over capacity").isZero();
                assertThat(jdbc.queryForObject("SELECT booked FROM sessions WHERE session_id = ?", Integer.class, closing)).isZero();
                // each change letter names the session the resident is booked in now
                StringBuilder changes = new StringBuilder();
                for (int f = 1; java.nio.file.Files.exists(PrintFile.pdf(out, String.format("change-%05d", f))); f++) {
                    changes.append(PrintFileCheck.squeeze(Poppler.pdftotext(PrintFile.pdf(out, String.format("change-%05d", f)))));
                }
                for (String when : jdbc.queryForList("""
                        SELECT DISTINCT to_char(s.starts_at, 'FMMM"月"FMDD"日"') || '|' || to_char(s.starts_at, 'FMHH24:MI')
                        FROM bookings b JOIN sessions s ON s.session_id = b.session_id
                        WHERE b.dose = 1 AND b.resident_id IN (SELECT resident_id FROM booking_changes)""", String.class)) {
                    assertThat(changes.toString()).as(r + "the new date and time are in the change letters")
                            .contains(when.split("\\|")[0]).contains(when.split("\\|")[1]);
                }
                // the site's change is told with an apology, not as the resident's own request
                assertThat(changes.toString()).contains("会場の都合により").doesNotContain("お申し出により");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
