package jp.ofuku.booking;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import jp.ofuku.ops.Audit;
import jp.ofuku.registry.CsvRows;
import jp.ofuku.registry.FileEncoding;

/**
 * Who came, recorded after the session day: from the phone desk, the console or a site's list.
 * An attended booking stays a booking. A no-show's booking, and the later doses booked with it,
 * are cancelled (reason {@code no_show}: those places are free); for a first dose booked from a
 * reply, the reply is undecided again and the next invite or nightly run offers new dates; for
 * a next dose or a telephone booking the desk books again by hand, and the result says so.
 */
@Service
public class Attendance {

    public enum Outcome {
        ATTENDED("attended"), NO_SHOW("no_show");

        public final String stored;

        Outcome(String stored) {
            this.stored = stored;
        }

        /** attended / yes / 1 / 出席, or no_show / no-show / no / 0 / 欠席; empty for anything else. */
        public static Optional<Outcome> parse(String text) {
            String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
            return switch (t) {
                case "attended", "yes", "y", "1", "出席", "来場" -> Optional.of(ATTENDED);
                case "no_show", "noshow", "no", "n", "0", "欠席", "無断欠席" -> Optional.of(NO_SHOW);
                default -> Optional.empty();
            };
        }
    }

    /** What is left to do after a no-show: nothing, new dates offered by the next run, or a booking by hand. */
    public enum Step { NONE, NEW_DATES, BY_HAND }

    /** What recording one attendance did; {@link #next()} says what the desk must still do, or is empty. */
    public record Recorded(String residentId, String wave, int dose, String session, Outcome outcome, boolean already, Step step) {

        public String next() {
            return switch (step) {
                case NONE -> "";
                case NEW_DATES -> "new dates offered by the next invite or nightly run";
                case BY_HAND -> "book again by hand when they call (scripts/ofuku booking options " + residentId + " --dose " + dose + ")";
            };
        }
    }

    /** One row of a site's list that was not recorded, with why. */
    public record Held(long line, String column, String reason) {
        @Override
        public String toString() {
            return "line " + line + (column == null ? "" : ", column " + column) + ": " + reason;
        }
    }

    /** What a site's list did. */
    public record ListResult(List<Recorded> recorded, List<Held> held) {
        public long count(Outcome outcome) {
            return recorded.stream().filter(r -> r.outcome() == outcome && !r.already()).count();
        }
    }

    /** The columns a site's list must have (others, such as those of {@code export bookings}, are ignored). */
    public static final List<String> COLUMNS = List.of("resident_id", "site_code", "session_start", "attendance");

    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd[' ']['T']HH:mm");

    private final JdbcTemplate jdbc;
    private final Bookings bookings;
    private final SiteDesk sites;
    private final AllocationStore allocations;
    private final BookingDesk desk;
    private final Audit audit;
    private final TransactionTemplate transactions;

    public Attendance(JdbcTemplate jdbc, Bookings bookings, SiteDesk sites, AllocationStore allocations, BookingDesk desk, Audit audit,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.bookings = bookings;
        this.sites = sites;
        this.allocations = allocations;
        this.desk = desk;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactions);
    }

    /** Records attendance of the resident's booking of {@code dose} (a session that has begun). */
    public Recorded record(String who, String wave, int dose, Outcome outcome, String by) {
        return transactions.execute(status -> {
            String resident = desk.residentOf(who);
            List<Long> sessions = bookings.sessionsOfDose(resident, dose, wave);
            if (sessions.isEmpty()) {
                throw new BookingDesk.Refused("resident " + resident + " has no booking of dose " + dose
                        + (wave == null ? "" : " in wave " + wave) + ": nothing to record");
            }
            if (sessions.size() > 1) {
                throw new BookingDesk.Refused("resident " + resident + " has dose " + dose + " booked in more than one wave: say which with --wave");
            }
            return at(resident, sessions.get(0), outcome, by);
        });
    }

    /**
     * Records one attendance for the resident's booking at {@code session}, in the caller's
     * transaction. Recording the same outcome again changes nothing; the other outcome is refused.
     */
    private Recorded at(String resident, long session, Outcome outcome, String by) {
        List<Map<String, Object>> done = jdbc.queryForList("SELECT wave, dose, outcome FROM attendance WHERE resident_id = ? AND session_id = ?",
                resident, session);
        String described = bookings.describe(session);
        if (!done.isEmpty()) {
            Map<String, Object> d = done.get(0);
            if (!outcome.stored.equals(d.get("outcome"))) {
                throw new BookingDesk.Refused("resident " + resident + " is already recorded as " + d.get("outcome") + " at " + described
                        + (d.get("outcome").equals("no_show") ? ": their booking was cancelled then; book them again by hand (scripts/ofuku"
                                + " booking options " + resident + ")" : ": ask a supervisor to correct it in the database"));
            }
            return new Recorded(resident, (String) d.get("wave"), (Integer) d.get("dose"), described, outcome, true, Step.NONE);
        }
        // the booking row locked: a move or a cancellation of it waits for this
        Bookings.Attending b = bookings.lockAt(resident, session)
                .orElseThrow(() -> new BookingDesk.Refused("resident " + resident + " has no booking at " + described));
        String wave = b.wave();
        int dose = b.dose();
        if (!b.begun()) {
            throw new BookingDesk.Refused("the session " + described + " has not begun yet: record attendance after it");
        }
        jdbc.update("""
                INSERT INTO attendance (booking_id, wave, resident_id, session_id, dose, outcome, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", b.bookingId(), wave, resident, session, dose, outcome.stored, by);
        Step step = Step.NONE;
        if (outcome == Outcome.NO_SHOW) {
            // the missed dose and the doses booked after it go; the resident hears from the new-dates letter, not a change letter
            bookings.cancelFromDose(wave, resident, dose, "no_show", by);
            if (dose == 1 && b.replyId() != null) {
                allocations.offerNewDates(b.replyId());
                step = Step.NEW_DATES;
            } else {
                step = Step.BY_HAND;
            }
        }
        Recorded recorded = new Recorded(resident, wave, dose, described, outcome, false, step);
        audit.record(by, "booking.attendance", resident, "dose " + dose + " at " + described, outcome.stored
                + (step == Step.NONE ? "" : "; " + recorded.next()));
        return recorded;
    }

    /**
     * Records a site's list: a CSV with the columns {@link #COLUMNS} (an {@code export bookings}
     * file with an {@code attendance} column added will do). Each row is recorded on its own;
     * a row that cannot be is held with its line, column and reason, and the others go on.
     */
    public ListResult recordList(Path file, String by) throws IOException {
        List<Recorded> recorded = new ArrayList<>();
        List<Held> held = new ArrayList<>();
        try (CsvRows rows = CsvRows.open(file, FileEncoding.of(file, "auto"))) {
            List<String> header = rows.header().stream().map(h -> h.strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT)).toList();
            List<String> missing = COLUMNS.stream().filter(c -> !header.contains(c)).toList();
            if (!missing.isEmpty()) {
                throw new BookingDesk.Refused(file + ": line 1: the header has no column " + String.join(", ", missing)
                        + " (a site's list needs " + String.join(", ", COLUMNS) + ")");
            }
            int id = header.indexOf("resident_id");
            int site = header.indexOf("site_code");
            int start = header.indexOf("session_start");
            int mark = header.indexOf("attendance");
            for (Optional<CsvRows.Row> next = rows.next(); next.isPresent(); next = rows.next()) {
                CsvRows.Row row = next.get();
                String[] v = row.values();
                if (v.length < header.size()) {
                    held.add(new Held(row.line(), null, "the row has " + v.length + " fields, the header " + header.size()));
                    continue;
                }
                Optional<Outcome> outcome = Outcome.parse(v[mark]);
                if (v[mark].isBlank()) {
                    continue; // not filled in: nothing to record for this row
                }
                if (outcome.isEmpty()) {
                    held.add(new Held(row.line(), "attendance", "'" + v[mark] + "' is neither attended nor no_show"));
                    continue;
                }
                LocalDateTime at;
                try {
                    at = LocalDateTime.parse(v[start].strip(), START);
                } catch (DateTimeParseException e) {
                    held.add(new Held(row.line(), "session_start", "'" + v[start] + "' is not a date and time (YYYY-MM-DD HH:MM)"));
                    continue;
                }
                Optional<Long> session = sites.sessionAt(v[site].strip(), at);
                if (session.isEmpty()) {
                    held.add(new Held(row.line(), "site_code", "no session at " + v[site].strip() + " starting " + v[start].strip()));
                    continue;
                }
                try {
                    recorded.add(transactions.execute(s -> at(v[id].strip(), session.get(), outcome.get(), by)));
                } catch (BookingDesk.Refused e) {
                    held.add(new Held(row.line(), "resident_id", e.getMessage()));
                }
            }
        }
        audit.record(by, "attendance.list", file.getFileName().toString(), null, recorded.size() + " recorded, " + held.size() + " held");
        return new ListResult(recorded, held);
    }
}
