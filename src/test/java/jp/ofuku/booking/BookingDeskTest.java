package jp.ofuku.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import jp.ofuku.letters.PrintFile;
import jp.ofuku.letters.PrintFileCheck;
import jp.ofuku.ops.JobOutcome;
import jp.ofuku.registry.RegistryImport;
import jp.ofuku.support.DatabaseTest;
import jp.ofuku.support.Poppler;

/** The phone desk: a cancellation frees the place at once, takes the next dose with it, and is told by one letter. */
class BookingDeskTest extends DatabaseTest {

    @Autowired
    RegistryImport registry;
    @Autowired
    Allocation allocation;
    @Autowired
    BookingDesk desk;

    @TempDir
    Path dir;

    @BeforeEach
    void bookedResidents() throws Exception {
        town(dir).residents("P", "電話　%d郎", "デンワ", "active", "active", "active").invited().replied("{1,2,3}").booked();
        assertThat(allocation.confirm(dir.resolve("confirm")).counts()).containsEntry("letters", 3L);
    }

    private long places() {
        return jdbc.queryForObject("SELECT sum(booked) FROM sessions", Long.class);
    }

    @Test
    void aCancellationFreesThePlacesTakesTheNextDoseAndIsToldByOneChangeLetterPrintedOnce() throws Exception {
        long before = places();
        int doses = jdbc.queryForObject("SELECT count(*) FROM bookings WHERE resident_id = 'P1'", Integer.class);
        String form = jdbc.queryForObject("SELECT form_code FROM invitations WHERE resident_id = 'P1'", String.class);

        BookingDesk.Cancelled c = desk.cancel(form, null, 1, "asked", false, "test:sato");
        assertThat(c.residentId()).isEqualTo("P1");
        assertThat(c.doses()).hasSize(doses).first().asString().startsWith("dose 1 at S0");
        assertThat(places()).as("the places are free at once").isEqualTo(before - doses);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bookings WHERE resident_id = 'P1'", Integer.class)).isZero();
        assertThat(jdbc.queryForList("SELECT DISTINCT reason || ' by ' || cancelled_by FROM cancelled_bookings", String.class))
                .containsExactly("asked by test:sato");
        assertThat(jdbc.queryForObject("SELECT after FROM audit_log WHERE action = 'booking.cancel' AND target = 'P1'", String.class))
                .contains("cancelled (asked)").contains("change letter queued");

        Path out = dir.resolve("confirm");
        JobOutcome confirm = allocation.confirm(out);
        assertThat(confirm.counts()).containsEntry("change_letters", 1L).doesNotContainKey("letters");
        String text = PrintFileCheck.squeeze(Poppler.pdftotext(PrintFile.pdf(out, "change-00001")));
        assertThat(text).contains("接種の予約を取り消しました").contains("電話1郎").doesNotContain("電話2郎");
        assertThat(allocation.confirm(out).counts()).as("printed once").doesNotContainKey("change_letters");
        assertThat(allocation.run().counts()).as("the cancelled reply is not booked again").containsEntry("booked", 0L);
    }

    @Test
    void noLetterWhenTheResidentAskedForNoneOrDied() throws Exception {
        desk.cancel("P2", null, 1, "ill", true, "test");
        desk.cancel("P3", null, 1, "deceased", false, "test");
        assertThat(jdbc.queryForList("SELECT DISTINCT letter FROM booking_changes", String.class)).containsExactly("none");
        assertThat(allocation.confirm(dir.resolve("confirm")).counts()).doesNotContainKey("change_letters");
    }

    @Test
    void whatCannotBeCancelledIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> desk.cancel("X9", null, 1, "asked", false, "test")).isInstanceOf(BookingDesk.Refused.class)
                .hasMessageContaining("no resident with the id or form code 'X9'");
        assertThatThrownBy(() -> desk.cancel("P1", null, 1, "bored", false, "test")).isInstanceOf(BookingDesk.Refused.class)
                .hasMessageContaining("the reason must be one of asked, deceased, ill, moved, other");
        desk.cancel("P1", null, 1, "asked", true, "test");
        assertThatThrownBy(() -> desk.cancel("P1", null, 1, "asked", false, "test")).isInstanceOf(BookingDesk.Refused.class)
                .hasMessageContaining("resident P1 has no booking: nothing was cancelled");
    }

    @Test
    void aMoveGoesToASessionWithRoomKeepsTheSeriesIntervalAndIsToldByOneLetter() throws Exception {
        List<Bookings.Option> options = desk.options("P1", null, 1);
        assertThat(options).isNotEmpty().allSatisfy(o -> assertThat(o.room()).isPositive());
        assertThat(options).extracting(Bookings.Option::km).isSortedAccordingTo((a, b) -> Long.compare(Math.round(a), Math.round(b)));
        List<Bookings.Booked> before = desk.bookings("P1");
        long from = before.get(0).sessionId();
        long to = options.get(options.size() - 1).sessionId();
        long fromBooked = jdbc.queryForObject("SELECT booked FROM sessions WHERE session_id = ?", Long.class, from);
        long toBooked = jdbc.queryForObject("SELECT booked FROM sessions WHERE session_id = ?", Long.class, to);

        BookingDesk.Changed moved = desk.move("P1", null, 1, to, false, "test:ito");
        assertThat(moved.before()).isNotEqualTo(moved.after());
        assertThat(jdbc.queryForObject("SELECT booked FROM sessions WHERE session_id = ?", Long.class, from)).isEqualTo(fromBooked - 1);
        assertThat(jdbc.queryForObject("SELECT booked FROM sessions WHERE session_id = ?", Long.class, to)).isEqualTo(toBooked + 1);
        if (before.size() > 1) {
            // the next dose stays at least the series interval later: every option offered kept it
            assertThat(jdbc.queryForObject("""
                    SELECT (SELECT s.starts_at FROM bookings b JOIN sessions s USING (session_id) WHERE b.resident_id = 'P1' AND b.dose = 2)
                         > (SELECT s.starts_at FROM bookings b JOIN sessions s USING (session_id) WHERE b.resident_id = 'P1' AND b.dose = 1)""",
                    Boolean.class)).isTrue();
        }
        // a full session is refused in one line, never a database error
        jdbc.update("UPDATE sessions SET capacity = booked WHERE session_id = ?", to);
        assertThatThrownBy(() -> desk.move("P2", null, 1, to, false, "test")).isInstanceOf(BookingDesk.Refused.class)
                .hasMessageContaining("is not one this booking can move to");

        Path out = dir.resolve("confirm");
        assertThat(allocation.confirm(out).counts()).containsEntry("change_letters", 1L);
        String text = PrintFileCheck.squeeze(Poppler.pdftotext(PrintFile.pdf(out, "change-00001")));
        assertThat(text).contains("接種の予約を変更しました").contains("電話1郎");
    }

    @Test
    void aResidentWhoTelephonesIsBookedOnceAndToldByLetter() throws Exception {
        desk.cancel("P2", null, 1, "asked", true, "test");
        List<Bookings.Option> options = desk.options("P2", null, 1);
        BookingDesk.Changed booked = desk.book("P2", null, options.get(0).sessionId(), false, "test:sato");
        assertThat(booked.after()).startsWith(options.get(0).siteCode());
        assertThat(jdbc.queryForObject("SELECT booked_by FROM bookings WHERE resident_id = 'P2'", String.class))
                .isEqualTo("telephone: test:sato");
        assertThatThrownBy(() -> desk.book("P2", null, options.get(1).sessionId(), false, "test"))
                .isInstanceOf(BookingDesk.Refused.class).hasMessageContaining("already booked");
        assertThat(allocation.confirm(dir.resolve("confirm")).counts()).containsEntry("change_letters", 1L);
    }

    @Test
    void aResidentIsFoundByNameOrKanaWhateverTheWidthTheScriptOrTheVariant() {
        jdbc.update("UPDATE residents SET name = '髙橋　一郎', name_kana = 'タカハシ　イチロウ' WHERE resident_id = 'P1'");
        jdbc.update("UPDATE residents SET name = 'NGUYỄN THỊ ÁNH', name_latin = 'NGUYEN THI ANH' WHERE resident_id = 'P2'");
        assertThat(desk.find("高橋")).extracting(jp.ofuku.registry.Residents.Found::id).containsExactly("P1");
        assertThat(desk.find("たかはし いち")).extracting(jp.ofuku.registry.Residents.Found::id).containsExactly("P1");
        assertThat(desk.find("ﾀｶﾊｼ")).extracting(jp.ofuku.registry.Residents.Found::id).containsExactly("P1");
        assertThat(desk.find("nguyen thi")).extracting(jp.ofuku.registry.Residents.Found::id).containsExactly("P2");
        assertThat(desk.find("でんわ")).extracting(jp.ofuku.registry.Residents.Found::id).containsExactly("P2", "P3");
        assertThat(desk.find("電話３")).extracting(jp.ofuku.registry.Residents.Found::id).containsExactly("P3");
        assertThat(desk.find("%")).isEmpty();
        assertThat(desk.find("  ")).isEmpty();
    }

    @Test
    void aCancellationRacingAMoveOfTheSameBookingLeavesNoBookingAndTrueCounts() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            int delay = 0;
            for (String resident : List.of("P1", "P2", "P3")) {
                long to = desk.options(resident, null, 1).get(0).sessionId();
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                int pause = delay;
                var cancelling = pool.submit(() -> {
                    go.await();
                    Thread.sleep(pause);
                    return desk.cancel(resident, null, 1, "asked", false, "test:race");
                });
                var moving = pool.submit(() -> {
                    go.await();
                    try {
                        return (Object) desk.move(resident, null, 1, to, false, "test:race");
                    } catch (BookingDesk.Refused refused) {
                        return refused; // the cancellation came first: told in one line
                    }
                });
                go.countDown();
                assertThat(cancelling.get().residentId()).isEqualTo(resident);
                assertThat(moving.get()).isInstanceOfAny(BookingDesk.Changed.class, BookingDesk.Refused.class);
                assertThat(desk.bookings(resident)).as(resident + ": cancelled, whichever came first").isEmpty();
                delay += 40;
            }
            assertThat(jdbc.queryForObject("""
                    SELECT count(*) FROM sessions s
                    WHERE s.booked <> (SELECT count(*) FROM bookings b WHERE b.session_id = s.session_id)""", Long.class))
                    .as("every session's count is its bookings").isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
