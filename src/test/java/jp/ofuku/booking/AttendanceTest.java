package jp.ofuku.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import jp.ofuku.invite.Invitations;
import jp.ofuku.ops.Exports;
import jp.ofuku.registry.RegistryImport;
import jp.ofuku.database.LocalNow;
import jp.ofuku.support.DatabaseTest;

/**
 * Attendance after the session day, and a telephone booking for a resident never invited: an
 * attended booking stays; a no-show's doses are cancelled and a first dose is offered new dates;
 * a site's list is recorded row by row, the rows that cannot be held with line and column.
 */
class AttendanceTest extends DatabaseTest {

    @Autowired
    RegistryImport registry;
    @Autowired
    Invitations invitations;
    @Autowired
    Allocation allocation;
    @Autowired
    BookingDesk desk;
    @Autowired
    Attendance attendance;
    @Autowired
    Exports exports;

    @TempDir
    Path dir;
    jp.ofuku.support.Town town;

    @BeforeEach
    void bookedResidents() throws Exception {
        town = town(dir).residents("A", "出席　%d郎", "シュッセキ", "active", "active", "active").invited().replied("{1,2,3}").booked();
    }

    private int moved;

    /** Moves the session of the resident's first dose (and everything booked in it) to {@code days} ago, in the day. */
    private String sessionWasDaysAgo(String resident, int days) {
        long session = jdbc.queryForObject("SELECT session_id FROM bookings WHERE resident_id = ? AND dose = 1", Long.class, resident);
        // each session moved gets an hour of its own: two sessions of one site never start at the same time
        // (a session two residents share is moved once)
        moved += jdbc.update("UPDATE sessions SET starts_at = date_trunc('day', " + LocalNow.sql(clock) + ") - make_interval(days => ?)"
                + " + make_interval(hours => ?) WHERE session_id = ? AND starts_at > " + LocalNow.sql(clock), days, 9 + moved, session);
        return jdbc.queryForObject("SELECT site_code || ',' || to_char(starts_at, 'YYYY-MM-DD HH24:MI') FROM sessions WHERE session_id = ?",
                String.class, session);
    }

    @Test
    void anAttendedBookingStaysAndANoShowIsCancelledAndOfferedNewDates() throws Exception {
        sessionWasDaysAgo("A1", 2);
        sessionWasDaysAgo("A2", 3);
        long places = jdbc.queryForObject("SELECT sum(booked) FROM sessions", Long.class);
        int a2doses = jdbc.queryForObject("SELECT count(*) FROM bookings WHERE resident_id = 'A2'", Integer.class);

        Attendance.Recorded came = attendance.record("A1", null, 1, Attendance.Outcome.ATTENDED, "test:ito");
        assertThat(came.already()).isFalse();
        assertThat(came.next()).isEmpty();
        assertThat(attendance.record("A1", null, 1, Attendance.Outcome.ATTENDED, "test:ito").already()).as("recorded once").isTrue();
        assertThatThrownBy(() -> attendance.record("A1", null, 1, Attendance.Outcome.NO_SHOW, "test")).isInstanceOf(BookingDesk.Refused.class)
                .hasMessageContaining("already recorded as attended");

        Attendance.Recorded missed = attendance.record("A2", null, 1, Attendance.Outcome.NO_SHOW, "test:ito");
        assertThat(missed.next()).contains("new dates");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bookings WHERE resident_id = 'A2'", Integer.class)).as("every dose").isZero();
        assertThat(jdbc.queryForList("SELECT DISTINCT reason FROM cancelled_bookings WHERE resident_id = 'A2'", String.class))
                .containsExactly("no_show");
        assertThat(jdbc.queryForObject("SELECT sum(booked) FROM sessions", Long.class)).isEqualTo(places - a2doses);
        assertThat(attendance.record("A2", null, 1, Attendance.Outcome.NO_SHOW, "test").already()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'booking.attendance'", Integer.class)).isEqualTo(2);

        // the next run writes to the no-show with new dates, and to nobody else
        Invitations.Outcome newDates = invitations.newDates("w", dir.resolve("new-dates"));
        assertThat(newDates.planned()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT resident_id FROM invitations WHERE round = 2", String.class)).isEqualTo("A2");
        assertThat(allocation.confirm(dir.resolve("confirm")).counts()).as("no change letter for a no-show")
                .doesNotContainKey("change_letters");

        Path out = dir.resolve("bookings.csv");
        exports.write("bookings", out);
        List<String> rows = Files.readAllLines(out);
        assertThat(rows.get(0)).endsWith(",status");
        assertThat(rows).anyMatch(r -> r.startsWith("A1,") && r.contains(",1,") && r.endsWith(",attended"));
        assertThat(rows).anyMatch(r -> r.startsWith("A2,") && r.contains(",1,") && r.endsWith(",no_show"));
        assertThat(rows).anyMatch(r -> r.startsWith("A3,") && r.endsWith(",booked"));
    }

    @Test
    void aSessionStillToComeHasNoAttendanceYet() {
        assertThatThrownBy(() -> attendance.record("A3", null, 1, Attendance.Outcome.NO_SHOW, "test")).isInstanceOf(BookingDesk.Refused.class)
                .hasMessageContaining("has not begun yet");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bookings WHERE resident_id = 'A3'", Integer.class)).isPositive();
    }

    @Test
    void aSitesListIsRecordedRowByRowAndTheRowsThatCannotBeAreHeldWithLineAndColumn() throws Exception {
        // A2 stands for a resident with no booking at A3's session: moved elsewhere when the allocation put them together
        long a3Session = jdbc.queryForObject("SELECT session_id FROM bookings WHERE resident_id = 'A3' AND dose = 1", Long.class);
        if (desk.bookings("A2").get(0).sessionId() == a3Session) {
            desk.move("A2", null, 1, desk.options("A2", null, 1).get(0).sessionId(), true, "test");
        }
        String a1 = sessionWasDaysAgo("A1", 1);
        String a3 = sessionWasDaysAgo("A3", 1);
        Path list = dir.resolve("site-list.csv");
        Files.writeString(list, String.join("\n",
                "resident_id,form_code,site_code,session_start,dose,attendance",
                "A1,," + a1.replace(",", ",") + ",1,出席",
                "A3,," + a3 + ",1,no-show",
                "A2,," + a3 + ",1,",
                "A2,," + a3 + ",1,maybe",
                "A2,,S99,2020-01-01 09:00,1,yes",
                "A2,," + a3.split(",")[0] + ",tomorrow,1,yes",
                "A2,," + a3 + ",1,yes") + "\n");

        Attendance.ListResult result = attendance.recordList(list, "test:site");
        assertThat(result.count(Attendance.Outcome.ATTENDED)).isEqualTo(1);
        assertThat(result.count(Attendance.Outcome.NO_SHOW)).isEqualTo(1);
        assertThat(result.held()).extracting(Attendance.Held::toString).containsExactly(
                "line 5, column attendance: 'maybe' is neither attended nor no_show",
                "line 6, column site_code: no session at S99 starting 2020-01-01 09:00",
                "line 7, column session_start: 'tomorrow' is not a date and time (YYYY-MM-DD HH:MM)",
                "line 8, column resident_id: resident A2 has no booking at " + a3.replace(",", " "));
        assertThat(jdbc.queryForList("SELECT resident_id || ' ' || outcome FROM attendance ORDER BY resident_id", String.class))
                .containsExactly("A1 attended", "A3 no_show");
        // the same list again records nothing twice
        Attendance.ListResult again = attendance.recordList(list, "test:site");
        assertThat(again.recorded()).allMatch(Attendance.Recorded::already).hasSize(2);

        Files.writeString(dir.resolve("bad.csv"), "resident_id,attendance\nA1,yes\n");
        assertThatThrownBy(() -> attendance.recordList(dir.resolve("bad.csv"), "test")).isInstanceOf(BookingDesk.Refused.class)
                .hasMessageContaining("line 1: the header has no column site_code, session_start");
    }

    @Test
    void aResidentNeverInvitedIsBookedByTelephoneInANamedWaveAndNotInvitedAfter() throws Exception {
        town.registryNow("active", "active", "active", "active", "deceased");
        long session = desk.options("A4", null, 1).get(0).sessionId();
        assertThatThrownBy(() -> desk.book("A4", null, session, false, "test")).isInstanceOf(BookingDesk.Refused.class)
                .hasMessageContaining("never invited: say the wave");
        assertThatThrownBy(() -> desk.book("A4", "nowave", session, false, "test")).isInstanceOf(BookingDesk.Refused.class)
                .hasMessageContaining("there is no wave 'nowave'");
        assertThatThrownBy(() -> desk.book("A5", "w", session, false, "test")).isInstanceOf(BookingDesk.Refused.class)
                .hasMessageContaining("is deceased");

        BookingDesk.Changed booked = desk.book("A4", "w", session, false, "test:sato");
        assertThat(booked.wave()).isEqualTo("w");
        assertThat(jdbc.queryForObject("SELECT form_code IS NULL AND reply_id IS NULL FROM bookings WHERE resident_id = 'A4'", Boolean.class))
                .isTrue();
        // the wave's next invite leaves the booked resident out
        assertThat(invitations.run(invitations.cohort("w", "all"), dir.resolve("print2")).planned()).isZero();
        // one letter: the change letter with the booking, no confirmation besides
        var confirm = allocation.confirm(dir.resolve("confirm")).counts();
        assertThat(confirm).containsEntry("change_letters", 1L).containsEntry("letters", 3L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM confirmations WHERE resident_id = 'A4'", Integer.class)).isZero();
    }
}
