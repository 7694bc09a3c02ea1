package jp.ofuku.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import jp.ofuku.invite.Invitations;
import jp.ofuku.ops.JobOutcome;
import jp.ofuku.registry.RegistryImport;
import jp.ofuku.support.DatabaseTest;

/** When the registry says a resident died or moved away, no letter of any kind is printed for them any more. */
class DeparturesTest extends DatabaseTest {

    @Autowired
    RegistryImport registry;
    @Autowired
    Invitations invitations;
    @Autowired
    Allocation allocation;
    @Autowired
    Departures departures;
    @Autowired
    BookingDesk desk;
    @Autowired
    jp.ofuku.ops.Exports exports;

    @TempDir
    Path dir;

    @BeforeEach
    void invitedResidents() throws Exception {
        town = town(dir).active("D", "住民　%d", "ジュウミン", 6).invited();
    }

    jp.ofuku.support.Town town;

    private String form(String resident) {
        return jdbc.queryForObject("SELECT form_code FROM invitations WHERE resident_id = ? AND round = 1", String.class, resident);
    }

    private void reply(String resident, String options, String extra) {
        jdbc.update("""
                INSERT INTO replies (form_code, status, marked_options, extra, source_sha256, source_page, confidence)
                VALUES (?, 'accepted', ?::integer[], ?::text[], ?, 1, 1)""", form(resident), options, extra,
                "sha-" + resident + "-" + System.nanoTime());
    }

    private long bookedPlaces() {
        return jdbc.queryForObject("SELECT sum(booked) FROM sessions", Long.class);
    }

    @Test
    void noLetterOfAnyKindIsPrintedForAResidentTheRegistrySaysDiedOrMovedAway() throws Exception {
        reply("D1", "{1}", "{}");
        reply("D2", "{2,3}", "{}");
        reply("D3", "{4}", "{}");
        reply("D4", "{}", "{other_dates}");
        assertThat(allocation.run().counts()).containsEntry("booked", 3L).containsEntry("other_dates", 1L);
        long places = bookedPlaces();
        // D5's invitation is planned but not yet printed (a run killed after planning would leave it so)
        jdbc.update("UPDATE invitations SET status = 'planned', printed_at = NULL, print_file = NULL WHERE resident_id = 'D5'");

        // the desk moved D2's booking by telephone: a change letter waits for the next confirm (and D2 then moves away)
        desk.move("D2", null, 1, desk.options("D2", null, 1).get(0).sessionId(), false, "test");
        places = bookedPlaces();

        // the registry: D1 died, D2 moved away (both booked), D4 moved away (waiting for new dates), D5 died
        town.registryNow("deceased", "moved_out", "active", "moved_out", "deceased", "active");
        Departures.Settled left = departures.settle("test");
        assertThat(left.residents()).containsExactly("D1", "D2", "D5");
        assertThat(left.bookingsCancelled()).isGreaterThanOrEqualTo(2); // with their next doses, if any
        assertThat(left.lettersWithdrawn()).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT DISTINCT resident_id || ' ' || reason FROM cancelled_bookings ORDER BY 1", String.class))
                .containsExactly("D1 deceased", "D2 moved_out");
        assertThat(bookedPlaces()).as("their places are free again").isEqualTo(places - left.bookingsCancelled());
        assertThat(jdbc.queryForObject("SELECT status FROM invitations WHERE resident_id = 'D5'", String.class)).isEqualTo("withdrawn");
        assertThat(departures.settle("test").any()).as("settling again changes nothing").isFalse();
        exports.write("bookings", dir.resolve("bookings.csv"));
        assertThat(Files.readAllLines(dir.resolve("bookings.csv"))).filteredOn(l -> l.startsWith("D1,") || l.startsWith("D2,"))
                .isNotEmpty().allSatisfy(l -> assertThat(l).endsWith(",cancelled"));

        // D6 died after the import but before anything ran: every job settles first
        reply("D6", "{5}", "{}");
        jdbc.update("UPDATE residents SET status = 'deceased', status_date = current_date WHERE resident_id = 'D6'");
        JobOutcome allocate = allocation.run();
        assertThat(allocate.counts()).containsEntry("review", 1L).containsEntry("booked", 0L);
        assertThat(jdbc.queryForObject("SELECT reason FROM review_items WHERE guess_form_code = ?", String.class, form("D6")))
                .contains("died or moved away");

        Path out = dir.resolve("letters");
        assertThat(allocation.confirm(out.resolve("confirm")).counts()).containsEntry("letters", 1L);
        for (String wave : invitations.wavesWaitingForNewDates()) {
            invitations.newDates(wave, out.resolve(wave + "-new-dates"));
        }
        assertThat(invitations.run(invitations.cohort("w", "all"), dir.resolve("print")).printed()).isZero();

        List<String> printedFor = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Files.walk(out), Files.walk(dir.resolve("print")))) {
            for (Path manifest : files.filter(p -> p.toString().endsWith(".csv") && !p.toString().contains("exceptions")).toList()) {
                try (Reader in = Files.newBufferedReader(manifest)) {
                    CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)
                            .forEach(r -> printedFor.add(manifest.getFileName() + ":" + r.get("resident_id")));
                }
            }
        }
        // confirmation for D3 only; no change letter for D2; no new dates for D4; the first print file (before anyone left) holds
        // all six invitations once
        assertThat(printedFor).filteredOn(p -> p.startsWith("confirm")).containsExactly("confirm-00001.csv:D3");
        assertThat(printedFor).filteredOn(p -> p.contains("new-dates") || p.matches("w-new.*")).isEmpty();
        assertThat(printedFor).filteredOn(p -> p.startsWith("w-0001")).hasSize(6);
        assertThat(printedFor).filteredOn(p -> !p.startsWith("w-0001") && !p.startsWith("confirm")).isEmpty();
    }
}
