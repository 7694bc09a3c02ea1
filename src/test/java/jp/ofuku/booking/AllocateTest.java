package jp.ofuku.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import jp.ofuku.invite.Invitations;
import jp.ofuku.ops.JobOutcome;
import jp.ofuku.registry.RegistryImport;
import jp.ofuku.support.DatabaseTest;

class AllocateTest extends DatabaseTest {

    @Autowired
    RegistryImport registry;
    @Autowired
    Invitations invitations;
    @Autowired
    Allocation allocation;
    @Autowired
    DataSource dataSource;
    @Autowired
    jp.ofuku.ops.Exports exports;
    @Autowired
    jp.ofuku.nightly.RunReports reports;
    @Autowired
    jp.ofuku.letters.LetterSetup letters;
    @Autowired
    ConfirmStore confirmations;
    @Autowired
    HeldLetters heldLetters;

    @TempDir
    Path dir;

    @BeforeEach
    void invitedResidents() throws Exception {
        town(dir).active("R", "住民　%d", "ジュウミン", 5).invited();
    }

    private String form(String resident) {
        return jdbc.queryForObject("SELECT form_code FROM invitations WHERE resident_id = ? AND round = 1", String.class, resident);
    }

    private long session(String resident, int option) {
        return jdbc.queryForObject("SELECT session_id FROM offers WHERE form_code = ? AND option_no = ?", Long.class,
                form(resident), option);
    }

    /** An accepted reply, as the read job records it. */
    private void reply(String resident, List<Integer> options, String... extra) {
        jdbc.update("""
                INSERT INTO replies (form_code, status, marked_options, extra, source_sha256, source_page, confidence)
                VALUES (?, 'accepted', ?::integer[], ?::text[], ?, 1, 1)""", form(resident),
                "{" + String.join(",", options.stream().map(String::valueOf).toList()) + "}", "{" + String.join(",", extra) + "}",
                "sha-" + resident + "-" + System.nanoTime());
    }

    private String bookedSession(String resident) {
        List<Long> s = jdbc.queryForList("SELECT session_id FROM bookings WHERE resident_id = ? AND dose = 1", Long.class, resident);
        return s.isEmpty() ? "none" : s.get(0).toString();
    }

    /** Makes every session hold exactly {@code places} places. */
    private void capacity(long session, int places) {
        jdbc.update("UPDATE sessions SET capacity = ? WHERE session_id = ?", places, session);
    }

    @Test
    void booksMoreResidentsThanFirstComeWouldAndNeverPastCapacity() throws Exception {
        long shared = session("R1", 1);
        // R1 (the oldest) marked the shared session and another; R2 could only come to the shared one
        long other = session("R1", 2);
        jdbc.update("UPDATE offers SET session_id = ? WHERE form_code = ? AND option_no = 1", shared, form("R2"));
        capacity(shared, 1);
        capacity(other, 1);
        reply("R1", List.of(1, 2));
        reply("R2", List.of(1));
        JobOutcome o = allocation.run();
        assertThat(o.completed()).as(o.failure()).isTrue();
        assertThat(o.counts()).containsEntry("booked", 2L).containsEntry("unplaced", 0L);
        assertThat(bookedSession("R2")).isEqualTo(Long.toString(shared));
        assertThat(bookedSession("R1")).isEqualTo(Long.toString(other));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sessions WHERE booked > capacity", Long.class)).isZero();
        // the run's report, as HTML and PDF
        Path report = reports.of("allocate", o.executionId()).orElseThrow();
        assertThat(Files.readString(report)).contains("run " + o.executionId()).contains("booked").contains("Bookings against capacity per site");
        assertThat(report.resolveSibling(report.getFileName().toString().replace(".html", ".pdf"))).isRegularFile();

        // a rerun changes nothing
        List<String> before = jdbc.queryForList("SELECT resident_id || '@' || session_id FROM bookings ORDER BY 1", String.class);
        JobOutcome again = allocation.run();
        assertThat(again.counts()).containsEntry("booked", 0L);
        assertThat(jdbc.queryForList("SELECT resident_id || '@' || session_id FROM bookings ORDER BY 1", String.class))
                .isEqualTo(before);

        Path csv = dir.resolve("bookings.csv");
        long rows = jdbc.queryForObject("SELECT count(*) FROM bookings", Long.class); // first doses and the second doses of the series
        assertThat(exports.write("bookings", csv)).isEqualTo(rows);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("resident_id,form_code,site_code,session_start,dose,booked_at,status");
        assertThat(lines.get(1)).matches("R[12]," + "[0-9]{10},S[0-9]+,[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2},1,.*,booked");
    }

    @Test
    void anOperatorBookingTheLastPlaceWhileTheJobRunsIsNeverOverbooked() throws Exception {
        long session = session("R3", 1);
        capacity(session, 1);
        reply("R3", List.of(1));
        // an operator books the last place by hand and has not committed yet
        try (Connection hand = dataSource.getConnection()) {
            hand.setAutoCommit(false);
            try (var ps = hand.prepareStatement("INSERT INTO bookings (wave, resident_id, session_id, dose, booked_by) VALUES ('w', 'R5', ?, 1, 'yamada')")) {
                ps.setLong(1, session);
                ps.executeUpdate();
            }
            CompletableFuture<JobOutcome> job = CompletableFuture.supplyAsync(() -> {
                try {
                    return allocation.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1500); // the job saw a free place and now waits on the session's row
            hand.commit();
            JobOutcome o = job.get(60, TimeUnit.SECONDS);
            assertThat(o.completed()).as(o.failure()).isTrue();
            assertThat(o.counts()).containsEntry("booked", 0L).containsEntry("unplaced", 1L);
        }
        assertThat(jdbc.queryForObject("SELECT booked FROM sessions WHERE session_id = ?", Integer.class, session)).isEqualTo(1);
        assertThat(bookedSession("R5")).isEqualTo(Long.toString(session));
        assertThat(bookedSession("R3")).isEqualTo("none");
    }

    @Test
    void twoAllocatorsAtOnceBookEachResidentOnceWithinCapacity() throws Exception {
        for (String r : List.of("R1", "R2", "R3", "R4", "R5")) {
            reply(r, List.of(1, 2, 3));
        }
        for (String r : List.of("R1", "R2", "R3", "R4", "R5")) {
            for (int k = 1; k <= 3; k++) {
                capacity(session(r, k), 1);
            }
        }
        CompletableFuture<JobOutcome> a = CompletableFuture.supplyAsync(() -> run());
        CompletableFuture<JobOutcome> b = CompletableFuture.supplyAsync(() -> run());
        a.get(60, TimeUnit.SECONDS);
        b.get(60, TimeUnit.SECONDS);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sessions WHERE booked > capacity", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sessions s WHERE booked <> (SELECT count(*) FROM bookings b WHERE b.session_id = s.session_id)",
                Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) - count(DISTINCT (resident_id, dose)) FROM bookings", Long.class)).isZero();
    }

    private JobOutcome run() {
        try {
            return allocation.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void declinesAndRequestsForOtherDatesAreRecordedAndALaterReplyFromABookedResidentGoesToReview() throws Exception {
        reply("R1", List.of(), "decline");
        reply("R2", List.of(), "other_dates");
        reply("R3", List.of(2));
        JobOutcome o = allocation.run();
        assertThat(o.counts()).containsEntry("declined", 1L).containsEntry("other_dates", 1L).containsEntry("booked", 1L);
        assertThat(jdbc.queryForObject("SELECT resident_id FROM declines", String.class)).isEqualTo("R1");
        jdbc.update("UPDATE replies SET status = 'superseded' WHERE form_code = ?", form("R3"));
        reply("R3", List.of(5));
        JobOutcome later = allocation.run();
        assertThat(later.counts()).containsEntry("review", 1L).containsEntry("booked", 0L);
        assertThat(jdbc.queryForObject("SELECT reason FROM review_items", String.class)).contains("already booked");
        assertThat(bookedSession("R3")).isEqualTo(Long.toString(session("R3", 2)));
    }

    @Test
    void aVaccineGivenInASeriesBooksTheNextDoseAtTheSameSiteAfterTheInterval() throws Exception {
        long first = session("R4", 1);
        // second-dose sessions at that site: one too early, two after the 21 days (the nearer one has room)
        for (int days : new int[] {14, 22, 30}) {
            jdbc.update("INSERT INTO sessions (site_code, starts_at, ends_at, capacity, vaccine, dose)"
                    + " SELECT site_code, starts_at + make_interval(days => ?), ends_at + make_interval(days => ?), 5, 'covid-19', 2"
                    + " FROM sessions WHERE session_id = ? ON CONFLICT DO NOTHING", days, days, first);
        }
        reply("R4", List.of(1));
        JobOutcome o = allocation.run();
        assertThat(o.counts()).as(o.counts() + " " + jdbc.queryForList("SELECT s.* FROM sessions s JOIN bookings b USING (session_id)")).containsEntry("booked", 1L).containsEntry("next_dose_booked", 1L);
        List<java.util.Map<String, Object>> doses = jdbc.queryForList("""
                SELECT b.dose, s.site_code, s.starts_at, s.dose AS session_dose FROM bookings b JOIN sessions s USING (session_id)
                WHERE b.resident_id = 'R4' ORDER BY b.dose""");
        assertThat(doses).hasSize(2);
        assertThat(doses.get(1).get("site_code")).isEqualTo(doses.get(0).get("site_code"));
        assertThat(doses.get(1).get("session_dose")).isEqualTo(2);
        java.time.LocalDateTime firstStart = ((java.sql.Timestamp) doses.get(0).get("starts_at")).toLocalDateTime();
        java.time.LocalDateTime second = ((java.sql.Timestamp) doses.get(1).get("starts_at")).toLocalDateTime();
        assertThat(java.time.Duration.between(firstStart, second).toDays()).isGreaterThanOrEqualTo(21);
        // the nearest: no dose-2 session at that site with room between the interval and the one booked
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM sessions WHERE site_code = ? AND dose = 2 AND vaccine = 'covid-19' AND booked < capacity
                AND starts_at >= ? AND starts_at < ?""", Long.class, doses.get(0).get("site_code"),
                java.sql.Timestamp.valueOf(firstStart.plusDays(21)), java.sql.Timestamp.valueOf(second))).isZero();
    }

    @Test
    void confirmWritesOneLetterPerBookedResidentWithEveryDoseAndNeverTwice() throws Exception {
        reply("R1", List.of(1));
        reply("R2", List.of(2, 3));
        assertThat(allocation.run().counts()).containsEntry("booked", 2L);
        Path out = dir.resolve("confirm");
        JobOutcome first = allocation.confirm(out);
        assertThat(first.completed()).as(first.failure()).isTrue();
        assertThat(first.counts()).containsEntry("letters", 2L).containsEntry("files", 1L);
        Path pdf = jp.ofuku.letters.PrintFile.pdf(out, "confirm-00001");
        assertThat(pdf).exists();
        assertThat(jp.ofuku.letters.PrintFile.manifest(out, "confirm-00001")).exists();
        String text = jp.ofuku.support.Poppler.pdftotext(pdf);
        assertThat(text).contains("予約が決まりました").contains("所在地").contains("お持ちいただくもの"); // names: checked page by page by the print file check
        String site = jdbc.queryForObject("""
                SELECT t.name FROM bookings b JOIN sessions s USING (session_id) JOIN sites t USING (site_code)
                WHERE b.resident_id = 'R1' AND b.dose = 1""", String.class);
        assertThat(text).contains(site);
        String access = jdbc.queryForObject("SELECT t.access FROM bookings b JOIN sessions s USING (session_id)"
                + " JOIN sites t USING (site_code) WHERE b.resident_id = 'R1' AND b.dose = 1", String.class);
        assertThat(access).as("the generated sites say how to get there").isNotBlank();
        assertThat(text).contains("行き方").contains(access);
        assertThat(allocation.confirm(out).counts()).as("a rerun writes nothing").doesNotContainKey("letters");
        java.nio.file.Files.copy(pdf, Path.of("target", "confirm-sample.pdf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM confirmations WHERE printed_at IS NOT NULL", Long.class)).isEqualTo(2);
    }

    @Test
    void aSessionsImportLoweringACapacityBelowItsBookingsIsRefusedNamingTheSession() throws Exception {
        reply("R1", List.of(1));
        assertThat(allocation.run().counts()).containsEntry("booked", 1L);
        long session = jdbc.queryForObject("SELECT session_id FROM bookings WHERE resident_id = 'R1' AND dose = 1", Long.class);
        jdbc.update("INSERT INTO bookings (wave, resident_id, session_id, dose, booked_by) VALUES ('w', 'R2', ?, 1, 'test')", session);
        var s = jdbc.queryForMap("SELECT site_code, starts_at, ends_at, vaccine, dose, capacity FROM sessions WHERE session_id = ?", session);
        Path lowered = dir.resolve("sessions-lowered.csv");
        Files.writeString(lowered, "site_code,start,end,capacity,vaccine,dose\n" + s.get("site_code") + ","
                + s.get("starts_at").toString().replace(' ', 'T').substring(0, 16) + ","
                + s.get("ends_at").toString().replace(' ', 'T').substring(0, 16) + ",1," + s.get("vaccine") + "," + s.get("dose") + "\n");
        var report = registry.run("sessions", lowered, "auto", false);
        assertThat(report.loaded()).isFalse();
        assertThat(report.problemSample()).contains("line 2, capacity: capacity 1 of the session at " + s.get("site_code"))
                .contains("is below the 2 places already booked there");
        assertThat(jdbc.queryForObject("SELECT capacity FROM sessions WHERE session_id = ?", Integer.class, session))
                .isEqualTo(s.get("capacity"));
    }

    @Test
    void aConfirmationFailingThePrintCheckIsHeldAndWrittenOnceWhenReleased() throws Exception {
        reply("R1", List.of(1));
        reply("R2", List.of(2, 3));
        reply("R3", List.of(4));
        assertThat(allocation.run().counts()).containsEntry("booked", 3L);
        Path out = dir.resolve("confirm");
        letters.damageAfterRender(jp.ofuku.support.PageDamage.swapFirstPageOf(() -> java.util.Set.of(form("R2"))));
        JobOutcome first;
        try {
            first = allocation.confirm(out);
        } finally {
            letters.damageAfterRender(pdf -> { });
        }
        assertThat(first.completed()).as(first.failure()).isTrue();
        assertThat(first.counts()).containsEntry("letters", 2L).containsEntry("held", 1L);
        assertThat(confirmations.held()).singleElement().satisfies(h -> {
            assertThat(h.residentId()).isEqualTo("R2");
            assertThat(h.reason()).contains("failed the print check").contains("does not carry the name and address");
        });
        assertThat(allocation.confirm(out).counts()).as("held is not waiting").doesNotContainKey("letters");

        // as letters release and the console see it: one held letter of every kind's list, released once
        HeldLetters.Letter held = heldLetters.all().stream().filter(l -> l.formCode().equals(form("R2"))).findFirst().orElseThrow();
        assertThat(held.kind()).isEqualTo("confirmation");
        assertThat(heldLetters.release(held)).isTrue();
        assertThat(heldLetters.release(held)).isFalse();
        JobOutcome second = allocation.confirm(out);
        assertThat(second.counts()).containsEntry("letters", 1L);
        assertThat(confirmations.held()).isEmpty();
        assertThat(jp.ofuku.letters.PrintFileCheck.squeeze(jp.ofuku.support.Poppler.pdftotext(
                jp.ofuku.letters.PrintFile.pdf(out, "confirm-00002")))).contains("住民2").doesNotContain("住民1", "住民3");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM confirmations WHERE printed_at IS NOT NULL", Long.class)).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT resident_id FROM confirmations WHERE print_file = 'confirm-00002'", String.class))
                .containsExactly("R2");
    }

    @Test
    void whoCouldNotBePlacedOrAskedForOtherDatesGetsNewDatesThatEndInABooking() throws Exception {
        long full = session("R1", 1);
        capacity(full, 1);
        jdbc.update("INSERT INTO bookings (wave, resident_id, session_id, dose, booked_by) VALUES ('w', 'R5', ?, 1, 'yamada')", full);
        reply("R1", List.of(1));
        reply("R2", List.of(), "other_dates");
        JobOutcome o = allocation.run();
        assertThat(o.counts()).containsEntry("unplaced", 1L).containsEntry("other_dates", 1L);
        String oldForm = form("R1");

        Path out = dir.resolve("new-dates");
        assertThat(invitations.wavesWaitingForNewDates()).containsExactly("w");
        Invitations.Outcome letters = invitations.newDates("w", out);
        assertThat(letters.completed()).as(letters.failure()).isTrue();
        assertThat(letters.printed()).isEqualTo(2);
        assertThat(invitations.newDates("w", out).printed()).as("a rerun writes nothing").isZero();
        String newForm = jdbc.queryForObject("SELECT form_code FROM invitations WHERE resident_id = 'R1' AND round = 2", String.class);
        assertThat(jdbc.queryForObject("SELECT replaces FROM invitations WHERE form_code = ?", String.class, newForm)).isEqualTo(oldForm);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM offers WHERE form_code = ? AND session_id = ?", Long.class, newForm, full))
                .as("a full session is not offered again").isZero();
        Path pdf;
        try (var files = Files.list(out)) {
            pdf = files.filter(f -> f.toString().endsWith(".pdf")).findFirst().orElseThrow();
        }
        assertThat(jp.ofuku.support.Poppler.pdftotext(pdf)).contains("新しい日時のご案内");

        // R1 answers the new form; and an old form arrives late for R2
        jdbc.update("""
                INSERT INTO replies (form_code, status, marked_options, extra, source_sha256, source_page, confidence)
                VALUES (?, 'accepted', '{3}', '{}', 'sha-new', 1, 1)""", newForm);
        jdbc.update("UPDATE replies SET status = 'superseded' WHERE form_code = ?", form("R2"));
        reply("R2", List.of(4));
        JobOutcome again = allocation.run();
        assertThat(again.counts()).containsEntry("booked", 1L).containsEntry("review", 1L);
        assertThat(jdbc.queryForObject("SELECT form_code FROM bookings WHERE resident_id = 'R1' AND dose = 1", String.class))
                .isEqualTo(newForm);
        assertThat(jdbc.queryForObject("SELECT reason FROM review_items WHERE guess_form_code = ?", String.class, form("R2")))
                .contains("new dates replaced");
    }
}
