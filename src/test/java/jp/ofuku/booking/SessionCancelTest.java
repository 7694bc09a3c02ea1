package jp.ofuku.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import jp.ofuku.invite.InvitationStore;
import jp.ofuku.registry.RegistryImport;
import jp.ofuku.support.DatabaseTest;

/**
 * The site desk: a session closes, and everyone booked there is moved, or offered new dates, and
 * told. Run with the town built on several days (a weekday, a weekend, a month's and a year's end,
 * a public holiday): what it proves must not depend on the day the suite runs.
 */
@ParameterizedClass(name = "town built on {0}")
@ValueSource(strings = {"2026-12-03", "2026-12-05", "2026-12-31", "2027-01-11", "2027-02-28"})
class SessionCancelTest extends DatabaseTest {

    @Parameter
    LocalDate today;

    @Autowired
    RegistryImport registry;
    @Autowired
    Allocation allocation;
    @Autowired
    BookingDesk desk;
    @Autowired
    SessionCancel sessions;
    @Autowired
    InvitationStore invitationStore;

    @TempDir
    Path dir;

    long closing;
    String site;
    LocalDateTime start;

    /**
     * Three residents booked, all three moved by the desk into Q1's first-dose session: the one
     * that will close. Their second doses are first moved to the last second-dose session there
     * is, so that any first-dose session before it is the series interval away (which sessions
     * those are depends on the day the town is built, and the desk keeps the interval).
     */
    @BeforeEach
    void threeResidentsInOneSession() throws Exception {
        clock.on(today);
        town(dir).residents("Q", "現場　%d子", "ゲンバ", "active", "active", "active").invited().replied("{1,2,3}").booked();
        closing = desk.bookings("Q1").get(0).sessionId();
        List<Bookings.Option> laterSecond = desk.options("Q1", null, 2, Integer.MAX_VALUE);
        long lastSecond = laterSecond.stream().max(java.util.Comparator.comparing(Bookings.Option::start)).orElseThrow().sessionId();
        for (String q : List.of("Q1", "Q2", "Q3")) {
            if (desk.bookings(q).get(1).sessionId() != lastSecond) {
                desk.move(q, null, 2, lastSecond, true, "test");
            }
            if (desk.bookings(q).get(0).sessionId() != closing) {
                desk.move(q, null, 1, closing, true, "test");
            }
        }
        site = jdbc.queryForObject("SELECT site_code FROM sessions WHERE session_id = ?", String.class, closing);
        start = jdbc.queryForObject("SELECT starts_at FROM sessions WHERE session_id = ?", LocalDateTime.class, closing);
        // Q2 marked nothing that is still open to them: the nearest session with room is theirs
        jdbc.update("UPDATE replies SET marked_options = '{}' WHERE form_code IN (SELECT form_code FROM invitations WHERE resident_id = 'Q2')");
        jdbc.execute("TRUNCATE booking_changes");
    }

    private long booked(long session) {
        return jdbc.queryForObject("SELECT booked FROM sessions WHERE session_id = ?", Long.class, session);
    }

    @Test
    void aDryRunShowsWhoWouldGoWhereAndChangesNothing() {
        SessionCancel.Result dry = sessions.cancel(site, start, "doctor ill", true, "test:suzuki");
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.moved()).hasSize(3).extracting(SessionCancel.Moved::residentId).containsExactlyInAnyOrder("Q1", "Q2", "Q3");
        assertThat(dry.moved()).filteredOn(m -> m.residentId().equals("Q2")).singleElement()
                .extracting(SessionCancel.Moved::where).isEqualTo(SessionCancel.Where.NEAREST);
        assertThat(booked(closing)).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT cancelled_at IS NULL FROM sessions WHERE session_id = ?", Boolean.class, closing)).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM booking_changes", Long.class)).isZero();
    }

    @Test
    void everyoneIsMovedToASessionTheyMarkedOrTheNearestAndToldByOneLetter() throws Exception {
        List<Long> q1Marked = jdbc.queryForList("""
                SELECT o.session_id FROM offers o JOIN invitations i ON i.form_code = o.form_code
                WHERE i.resident_id = 'Q1' AND o.option_no IN (1, 2, 3)""", Long.class);
        SessionCancel.Result done = sessions.cancel(site, start, "doctor ill", false, "test:suzuki");
        assertThat(done.moved()).hasSize(3).allSatisfy(m -> assertThat(m.where()).isIn(SessionCancel.Where.MARKED,
                SessionCancel.Where.NEAREST));
        assertThat(booked(closing)).isZero();
        assertThat(jdbc.queryForObject("SELECT cancel_reason FROM sessions WHERE session_id = ?", String.class, closing))
                .isEqualTo("doctor ill");
        long q1Now = desk.bookings("Q1").get(0).sessionId();
        assertThat(q1Marked).as("Q1 goes to another session they marked").contains(q1Now);
        assertThat(done.moved()).filteredOn(m -> m.residentId().equals("Q1")).singleElement()
                .extracting(SessionCancel.Moved::where).isEqualTo(SessionCancel.Where.MARKED);
        assertThat(jdbc.queryForList("SELECT DISTINCT action || '/' || reason || '/' || letter FROM booking_changes", String.class))
                .containsExactly("moved/session_cancelled/wanted");
        assertThat(jdbc.queryForObject("SELECT after FROM audit_log WHERE action = 'session.cancel'", String.class))
                .contains("cancelled (doctor ill)");
        assertThat(allocation.confirm(dir.resolve("confirm")).counts()).containsEntry("change_letters", 3L);

        // the closed session stays closed: not offered, not bookable by hand, by the allocation or by a statement
        assertThat(desk.options("Q1", null, 1, Integer.MAX_VALUE)).noneMatch(o -> o.sessionId() == closing);
        assertThatThrownBy(() -> desk.move("Q1", null, 1, closing, false, "test")).isInstanceOf(BookingDesk.Refused.class);
        assertThatThrownBy(() -> jdbc.update("UPDATE bookings SET session_id = ? WHERE resident_id = 'Q1' AND dose = 1", closing))
                .hasMessageContaining("sessions_cancelled_empty");
        assertThatThrownBy(() -> sessions.cancel(site, start, "again", false, "test")).isInstanceOf(BookingDesk.Refused.class)
                .hasMessageContaining("already cancelled");
    }

    @Test
    void withNoRoomAnywhereTheBookingIsCancelledAndNewDatesAreOffered() {
        // every other first-dose session closed or full
        jdbc.update("UPDATE sessions SET cancelled_at = now() WHERE dose = 1 AND booked = 0 AND session_id <> ?", closing);
        jdbc.update("UPDATE sessions SET capacity = booked WHERE dose = 1 AND booked > 0 AND session_id <> ?", closing);
        SessionCancel.Result done = sessions.cancel(site, start, "flooded", false, "test");
        assertThat(done.moved()).hasSize(3).allSatisfy(m -> assertThat(m.where()).isEqualTo(SessionCancel.Where.NEW_DATES));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bookings", Long.class)).as("second doses went with the first").isZero();
        assertThat(jdbc.queryForList("SELECT DISTINCT reason FROM cancelled_bookings", String.class)).containsExactly("session_cancelled");
        assertThat(jdbc.queryForList("SELECT DISTINCT outcome FROM allocations", String.class)).containsExactly("unplaced");
        assertThat(invitationStore.wavesWaitingForNewDates()).containsExactly("w");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM booking_changes WHERE action = 'cancelled' AND letter = 'wanted'",
                Long.class)).isEqualTo(3);
    }

    @Test
    void whatCannotBeCancelledIsRefusedInOneLine() {
        assertThatThrownBy(() -> sessions.cancel("S99", start, null, false, "test")).isInstanceOf(BookingDesk.Refused.class)
                .hasMessageContaining("no session at S99");
        LocalDateTime now = LocalDateTime.now(clock);
        jdbc.update("UPDATE sessions SET starts_at = ?, ends_at = ? WHERE session_id = ?", now.minusHours(1), now.plusHours(1), closing);
        LocalDateTime begun = jdbc.queryForObject("SELECT starts_at FROM sessions WHERE session_id = ?", LocalDateTime.class, closing);
        assertThatThrownBy(() -> sessions.cancel(site, begun, null, false, "test")).isInstanceOf(BookingDesk.Refused.class)
                .hasMessageContaining("has begun or is over");
    }

    /** sessions.csv as imported, with the closing session's capacity set to {@code capacity}. */
    private Path sessionsWithCapacity(int capacity) throws Exception {
        List<String> lines = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(dir.resolve("sessions.csv")));
        String key = site + "," + start;
        int changed = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(key + ",")) {
                String[] f = lines.get(i).split(",");
                f[3] = Integer.toString(capacity);
                lines.set(i, String.join(",", f));
                changed++;
            }
        }
        assertThat(changed).isEqualTo(1);
        Path file = dir.resolve("sessions-lowered.csv");
        java.nio.file.Files.write(file, lines);
        return file;
    }

    @Test
    void aCapacityLoweredBelowTheBookingsIsRefusedInOneLineOrTheSurplusMovedWhenAsked() throws Exception {
        Path lowered = sessionsWithCapacity(1);
        RegistryImport.ImportReport refused = registry.run("sessions", lowered, "auto", false);
        assertThat(refused.loaded()).isFalse();
        assertThat(refused.problemSample()).contains("is below the 3 places already booked there").contains("--move-surplus");
        assertThat(booked(closing)).isEqualTo(3);

        String last = jdbc.queryForObject("SELECT resident_id FROM bookings WHERE session_id = ? ORDER BY booked_at, booking_id LIMIT 1",
                String.class, closing);
        RegistryImport.ImportReport moved = registry.run("sessions", lowered, "auto", false, true);
        assertThat(moved.loaded()).as(moved.outcome()).isTrue();
        assertThat(moved.surplusMoved()).hasSize(2).allMatch(m -> m.contains("dose 1: to "));
        assertThat(moved.surplusMoved()).as("the booking made first stays").noneMatch(m -> m.startsWith(last + " "));
        assertThat(jdbc.queryForObject("SELECT capacity FROM sessions WHERE session_id = ?", Integer.class, closing)).isEqualTo(1);
        assertThat(booked(closing)).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT DISTINCT reason FROM booking_changes", String.class)).containsExactly("capacity_lowered");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'session.capacity'", Long.class)).isEqualTo(1);
        assertThat(allocation.confirm(dir.resolve("confirm")).counts()).containsEntry("change_letters", 2L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sessions WHERE booked > capacity", Long.class)).isZero();
    }
}
