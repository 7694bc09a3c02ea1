package jp.ofuku.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

import jp.ofuku.database.LocalNow;
import jp.ofuku.support.DatabaseTest;

/**
 * A booking's session and resident are checked once per statement by triggers instead of by
 * foreign keys (migration V13): these tests hold them to everything the keys guaranteed.
 */
class BookingReferencesTest extends DatabaseTest {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    @Autowired
    DataSource dataSource;

    long morning;
    long afternoon;

    @BeforeEach
    void aSiteWithTwoSessionsAndTwoResidents() {
        jdbc.execute("INSERT INTO districts (district, name, lat, lon) VALUES ('D01', '中央', 35.0, 140.0)");
        jdbc.execute("INSERT INTO sites (site_code, name, address, postal_code, lat, lon) VALUES ('S1', '会場', '往復市1', '299-0101', 35.0, 140.0)");
        jdbc.execute("INSERT INTO waves (wave) VALUES ('w')");
        morning = session(9);
        afternoon = session(14);
        for (String id : new String[] {"R1", "R2"}) {
            jdbc.update("INSERT INTO residents (resident_id, name, name_kana, name_latin, birth_date, postal_code, address, district,"
                    + " language, status) VALUES (?, '試験', 'シケン', '', date '1940-01-01', '299-0101', '往復市', 'D01', 'ja', 'active')", id);
        }
    }

    private long session(int hour) {
        return jdbc.queryForObject("INSERT INTO sessions (site_code, starts_at, ends_at, capacity, vaccine, dose) VALUES ('S1',"
                + " date_trunc('day', " + LocalNow.sql(clock) + ") + interval '3 days' + make_interval(hours => ?),"
                + " date_trunc('day', " + LocalNow.sql(clock) + ") + interval '3 days' + make_interval(hours => ? + 2), 1, 'flu', 1)"
                + " RETURNING session_id", Long.class, hour, hour);
    }

    private void book(String resident, long session) {
        jdbc.update("INSERT INTO bookings (wave, resident_id, session_id, dose, booked_by) VALUES ('w', ?, ?, 1, 'yamada')",
                resident, session);
    }

    private int booked(long session) {
        return jdbc.queryForObject("SELECT booked FROM sessions WHERE session_id = ?", Integer.class, session);
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s.getSQLState();
            }
        }
        return "none";
    }

    @Test
    void aBookingForASessionOrResidentThatDoesNotExistIsRefusedAndCountsNothing() {
        assertThatThrownBy(() -> book("R1", afternoon + 1000)).isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo(FOREIGN_KEY_VIOLATION)).hasMessageContaining("session");
        assertThatThrownBy(() -> book("R9", morning)).isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo(FOREIGN_KEY_VIOLATION)).hasMessageContaining("resident");
        // one bad row refuses the whole statement
        assertThatThrownBy(() -> jdbc.update("INSERT INTO bookings (wave, resident_id, session_id, dose, booked_by)"
                + " VALUES ('w', 'R1', ?, 1, 'x'), ('w', 'R9', ?, 1, 'x')", morning, afternoon))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo(FOREIGN_KEY_VIOLATION));
        assertThat(count("bookings")).isZero();
        assertThat(booked(morning)).isZero();
        assertThat(booked(afternoon)).isZero();
    }

    @Test
    void aBookedSessionOrResidentCannotBeRemovedOrRenumbered() {
        book("R1", morning);
        assertThatThrownBy(() -> jdbc.update("DELETE FROM sessions WHERE session_id = ?", morning))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo(FOREIGN_KEY_VIOLATION)).hasMessageContaining("move or cancel");
        assertThatThrownBy(() -> jdbc.update("UPDATE sessions SET session_id = session_id + 1000 WHERE session_id = ?", morning))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo(FOREIGN_KEY_VIOLATION));
        assertThatThrownBy(() -> jdbc.update("DELETE FROM residents WHERE resident_id = 'R1'"))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo(FOREIGN_KEY_VIOLATION)).hasMessageContaining("moved out or deceased");
        assertThatThrownBy(() -> jdbc.update("UPDATE residents SET resident_id = 'R1b' WHERE resident_id = 'R1'"))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo(FOREIGN_KEY_VIOLATION));
        // what nobody booked can go; other changes to a booked resident or session are fine
        assertThat(jdbc.update("UPDATE residents SET name = '試験二' WHERE resident_id = 'R1'")).isEqualTo(1);
        assertThat(jdbc.update("UPDATE sessions SET capacity = 3 WHERE session_id = ?", morning)).isEqualTo(1);
        assertThat(jdbc.update("DELETE FROM sessions WHERE session_id = ?", afternoon)).isEqualTo(1);
        assertThat(jdbc.update("DELETE FROM residents WHERE resident_id = 'R2'")).isEqualTo(1);
        // once the booking is cancelled, the session may go too
        jdbc.update("DELETE FROM bookings WHERE resident_id = 'R1'");
        assertThat(booked(morning)).isZero();
        assertThat(jdbc.update("DELETE FROM sessions WHERE session_id = ?", morning)).isEqualTo(1);
    }

    @Test
    void movingBookingsCountsThemOutThenInSoTwoFullSessionsCanSwap() {
        book("R1", morning);
        book("R2", afternoon);
        assertThat(jdbc.update("UPDATE bookings SET session_id = CASE session_id WHEN ? THEN ? ELSE ? END", morning, afternoon, morning))
                .isEqualTo(2);
        assertThat(booked(morning)).isEqualTo(1);
        assertThat(booked(afternoon)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT session_id FROM bookings WHERE resident_id = 'R1'", Long.class)).isEqualTo(afternoon);
        // moving into a session that is not there is refused like a new booking
        assertThatThrownBy(() -> jdbc.update("UPDATE bookings SET session_id = ? WHERE resident_id = 'R1'", afternoon + 1000))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo(FOREIGN_KEY_VIOLATION));
        // and into a full one by the capacity check
        assertThatThrownBy(() -> jdbc.update("UPDATE bookings SET session_id = ? WHERE resident_id = 'R1'", morning))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23514"));
    }

    @Test
    void aResidentRemovedWhileTheirBookingIsBeingWrittenIsCaughtWhicheverCommitsFirst() throws Exception {
        // the booking first: the removal waits for it, then sees it and is refused
        try (Connection booking = dataSource.getConnection()) {
            booking.setAutoCommit(false);
            try (var ps = booking.prepareStatement("INSERT INTO bookings (wave, resident_id, session_id, dose, booked_by) VALUES ('w', 'R2', ?, 1, 'x')")) {
                ps.setLong(1, morning);
                ps.executeUpdate();
            }
            CompletableFuture<Integer> removal = CompletableFuture.supplyAsync(() -> jdbc.update("DELETE FROM residents WHERE resident_id = 'R2'"));
            Thread.sleep(500);
            assertThat(removal).isNotDone();
            booking.commit();
            assertThatThrownBy(() -> removal.get(30, TimeUnit.SECONDS))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo(FOREIGN_KEY_VIOLATION));
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM residents WHERE resident_id = 'R2'", Long.class)).isEqualTo(1);

        // the removal first: the booking waits for it, then finds the resident gone and is refused
        try (Connection removal = dataSource.getConnection()) {
            removal.setAutoCommit(false);
            try (var st = removal.createStatement()) {
                assertThat(st.executeUpdate("DELETE FROM residents WHERE resident_id = 'R1'")).isEqualTo(1);
            }
            CompletableFuture<Void> booking = CompletableFuture.runAsync(() -> book("R1", afternoon));
            Thread.sleep(500);
            assertThat(booking).isNotDone();
            removal.commit();
            assertThatThrownBy(() -> booking.get(30, TimeUnit.SECONDS))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo(FOREIGN_KEY_VIOLATION));
        }
        assertThat(booked(afternoon)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bookings b WHERE NOT EXISTS"
                + " (SELECT 1 FROM residents r WHERE r.resident_id = b.resident_id)", Long.class)).isZero();
    }
}
