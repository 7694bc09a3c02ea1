package jp.ofuku.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import jp.ofuku.registry.RegistryImport;
import jp.ofuku.support.DatabaseTest;

/**
 * The last seat of a session, wanted at the same moment by the allocation (a reply that marked
 * only that session) and by the phone desk (a resident who telephoned): one of them gets it,
 * the other is told, and the session is never overbooked, whichever comes first.
 */
class LastSeatRaceTest extends DatabaseTest {

    @Autowired
    RegistryImport registry;
    @Autowired
    Allocation allocation;
    @Autowired
    BookingDesk desk;

    @TempDir
    Path dir;

    @Test
    void aHandBookingRacingTheAllocationForTheLastSeatNeverOverbooks() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                emptyTheRegistry();
                town(dir.resolve("r" + round)).residents("L", "最後　%d席", "サイゴ", "active", "active").invited().replied("{1}", "L1");
                long seat = jdbc.queryForObject("""
                        SELECT o.session_id FROM offers o JOIN invitations i ON i.form_code = o.form_code
                        WHERE i.resident_id = 'L1' AND o.option_no = 1""", Long.class);
                jdbc.update("UPDATE sessions SET capacity = booked + 1 WHERE session_id = ?", seat);

                CountDownLatch go = new CountDownLatch(1);
                int pause = round; // each round lets the other side a little further ahead
                Future<?> allocating = pool.submit(() -> {
                    go.await();
                    return allocation.run();
                });
                Future<Object> telephoning = pool.submit(() -> {
                    go.await();
                    Thread.sleep(pause * 15L);
                    try {
                        return desk.book("L2", null, seat, false, "test:race");
                    } catch (BookingDesk.Refused refused) {
                        return refused;
                    }
                });
                go.countDown();
                allocating.get();
                Object phone = telephoning.get();

                long booked = jdbc.queryForObject("SELECT booked FROM sessions WHERE session_id = ?", Long.class, seat);
                long capacity = jdbc.queryForObject("SELECT capacity FROM sessions WHERE session_id = ?", Long.class, seat);
                long counted = jdbc.queryForObject("SELECT count(*) FROM bookings WHERE session_id = ?", Long.class, seat);
                assertThat(booked).as("round " + round + ": never overbooked").isLessThanOrEqualTo(capacity).isEqualTo(counted);
                boolean l1 = jdbc.queryForObject("SELECT count(*) FROM bookings WHERE resident_id = 'L1' AND session_id = ?",
                        Long.class, seat) == 1;
                boolean l2 = jdbc.queryForObject("SELECT count(*) FROM bookings WHERE resident_id = 'L2' AND session_id = ?",
                        Long.class, seat) == 1;
                assertThat(l1 ^ l2).as("round " + round + ": exactly one of them has the last seat").isTrue();
                System.out.println("round " + round + ": the last seat went to " + (l1 ? "the allocation" : "the phone desk"));
                if (l1) {
                    // the desk was told in one line, never a database error
                    assertThat(phone).isInstanceOf(BookingDesk.Refused.class);
                } else {
                    assertThat(phone).isInstanceOf(BookingDesk.Changed.class);
                    assertThat(jdbc.queryForObject("""
                            SELECT a.outcome FROM allocations a JOIN replies r ON r.reply_id = a.reply_id
                            JOIN invitations i ON i.form_code = r.form_code WHERE i.resident_id = 'L1'""", String.class))
                            .as("the reply that lost the seat is not booked elsewhere by itself").isEqualTo("unplaced");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
