package jp.ofuku.invite;

import java.sql.Array;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import jp.ofuku.letters.FormCode;
import jp.ofuku.letters.MailPiece;
import jp.ofuku.letters.TextFolding;

/** Waves, invitations, offers and print files in the database. */
@Repository
@org.springframework.core.annotation.Order(2)
public class InvitationStore implements jp.ofuku.ops.FeatureFacts {

    private final JdbcTemplate jdbc;

    /** Letters by status, and the print files done: for the status report. */
    @Override
    public Map<String, Long> counts() {
        return jp.ofuku.ops.FeatureFacts.countsOf(jdbc, """
                SELECT 'invitations', count(*) FROM invitations
                UNION ALL SELECT 'invitations.printed', count(*) FROM invitations WHERE status = 'printed'
                UNION ALL SELECT 'invitations.planned', count(*) FROM invitations WHERE status = 'planned'
                UNION ALL SELECT 'invitations.exception', count(*) FROM invitations WHERE status = 'exception'
                UNION ALL SELECT 'print_files', count(*) FROM print_files WHERE status = 'done'""");
    }

    /** Every letter, by wave and form code. */
    @Override
    public Map<String, Export> exports() {
        return Map.of("invitations", new Export("""
                SELECT form_code, resident_id, wave, status, coalesce(print_file, '') AS print_file,
                       coalesce(sequence::text, '') AS sequence, coalesce(to_char(printed_at, 'YYYY-MM-DD"T"HH24:MI'), '') AS printed_at,
                       coalesce(exception, '') AS exception
                FROM invitations ORDER BY wave, form_code""",
                List.of("form_code", "resident_id", "wave", "status", "print_file", "sequence", "printed_at", "exception")));
    }

    /** A letter sent to a resident, as the console lists it. */
    public record Letter(String formCode, String wave, int round, String status, String replaces, String printFile) {
    }

    /** The resident's letters, every wave and round. */
    public List<Letter> letters(String residentId) {
        return jdbc.query("""
                SELECT form_code, wave, round, status, replaces, print_file FROM invitations WHERE resident_id = ?
                ORDER BY wave, round""", (rs, i) -> new Letter(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                rs.getString(5), rs.getString(6)), residentId);
    }

    /** The resident a form was sent to, by its code (spaces allowed). */
    public java.util.Optional<String> residentOf(String formCode) {
        return jdbc.queryForList("SELECT resident_id FROM invitations WHERE form_code = ?", String.class,
                formCode == null ? "" : formCode.replaceAll("\\s", "")).stream().findFirst();
    }

    /** A printed invitation of an active resident: its wave and form code. */
    public record Sent(String wave, String formCode) {
    }

    /** The printed invitations of the resident, if active in the registry (in {@code wave} when given): by wave, latest round first. */
    public List<Sent> sentTo(String residentId, String wave) {
        return jdbc.query("""
                SELECT i.wave, i.form_code FROM invitations i JOIN residents r ON r.resident_id = i.resident_id
                WHERE i.resident_id = ? AND (?::text IS NULL OR i.wave = ?) AND i.status = 'printed' AND r.status = 'active'
                ORDER BY i.wave, i.round DESC""", (rs, i) -> new Sent(rs.getString(1), rs.getString(2)), residentId, wave, wave);
    }

    /** Active residents sent a form in {@code wave} who neither replied nor are booked: at most {@code limit}, by id. */
    public List<String> unanswered(String wave, int limit) {
        return jdbc.queryForList("""
                SELECT i.resident_id FROM invitations i JOIN residents r ON r.resident_id = i.resident_id
                WHERE i.wave = ? AND i.status = 'printed' AND r.status = 'active'
                  AND NOT %s
                  AND NOT EXISTS (SELECT 1 FROM replies p WHERE p.form_code = i.form_code)
                ORDER BY i.resident_id LIMIT ?""".formatted(jp.ofuku.booking.Bookings.INVITATION_BOOKED), String.class, wave, limit);
    }

    /** Whether there is a wave of that name. */
    public boolean waveExists(String wave) {
        return !jdbc.queryForList("SELECT 1 FROM waves WHERE wave = ?", wave).isEmpty();
    }

    /** A new form code from the invitations' serial, for a letter that needs a reference of its own. */
    public jp.ofuku.letters.FormCode newFormCode() {
        return jp.ofuku.letters.FormCode.ofSerial(jdbc.queryForObject("SELECT nextval('form_serial')", Long.class));
    }

    /** One option of a form: its number and the session it offers. */
    public record Offered(int number, LocalDateTime startsAt, String siteCode, String siteName) {
    }

    /** The options printed on a form (by its code, spaces allowed), in order; empty for an unknown code. */
    public List<Offered> offered(String formCode) {
        String code = formCode == null ? "" : formCode.replaceAll("\\s", "");
        return jdbc.query("""
                SELECT o.option_no, s.starts_at, s.site_code, si.name FROM offers o
                JOIN sessions s ON s.session_id = o.session_id JOIN sites si ON si.site_code = s.site_code
                WHERE o.form_code = ? ORDER BY o.option_no""",
                (rs, i) -> new Offered(rs.getInt(1), rs.getObject(2, LocalDateTime.class), rs.getString(3), rs.getString(4)), code);
    }

    public InvitationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void ensureWave(String wave) {
        jdbc.update("INSERT INTO waves (wave) VALUES (?) ON CONFLICT DO NOTHING", wave);
    }

    /** Invitations take turns across processes: offers counted by one run are not also counted by another. */
    void lockPlanning() {
        jp.ofuku.ops.Advisory.PLANNING.holdForTransaction(jdbc, 1);
    }

    OfferPlanner planner(InviteProperties properties, LocalDate letterDate) {
        Map<String, double[]> districts = new HashMap<>();
        jdbc.query("SELECT district, lat, lon FROM districts",
                rs -> { districts.put(rs.getString(1), new double[] {rs.getDouble(2), rs.getDouble(3)}); });
        List<OfferPlanner.Site> sites = jdbc.query("SELECT site_code, name, lat, lon FROM sites",
                (rs, i) -> new OfferPlanner.Site(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4)));
        List<OfferPlanner.Session> sessions = jdbc.query("""
                SELECT session_id, site_code, starts_at, ends_at, capacity FROM sessions
                WHERE dose = 1 AND starts_at >= ? AND booked < capacity AND cancelled_at IS NULL
                """, (rs, i) -> new OfferPlanner.Session(rs.getLong(1), rs.getString(2),
                rs.getObject(3, LocalDateTime.class), rs.getObject(4, LocalDateTime.class), rs.getInt(5)),
                letterDate.plusDays(properties.leadDays()).atStartOfDay());
        Map<Long, Integer> offered = new HashMap<>();
        jdbc.query("""
                SELECT o.session_id, count(*) FROM offers o JOIN invitations i ON i.form_code = o.form_code
                WHERE i.status <> 'exception' GROUP BY o.session_id
                """, rs -> { offered.put(rs.getLong(1), rs.getInt(2)); });
        return new OfferPlanner(properties.options(), properties.offerMultiple(), properties.nearestSites(), districts,
                sites, sessions, offered);
    }

    /** Plans the whole cohort in memory as a run would, storing nothing: who would get every option, fewer, or none. */
    CohortPreview.DateForecast forecast(Cohort cohort, InviteProperties properties, LocalDate letterDate) {
        OfferPlanner planner = planner(properties, letterDate);
        long full = 0;
        long fewer = 0;
        Map<String, Long> none = new java.util.TreeMap<>();
        String after = "";
        for (List<Candidate> batch; !(batch = nextCandidates(cohort, after, PlanTasklet.BATCH)).isEmpty(); ) {
            for (Candidate c : batch) {
                int n = planner.plan(c.residentId(), c.district()).size();
                if (n == 0) {
                    none.merge(c.district(), 1L, Long::sum);
                } else if (n < properties.options()) {
                    fewer++;
                } else {
                    full++;
                }
            }
            after = batch.get(batch.size() - 1).residentId();
        }
        return new CohortPreview.DateForecast(properties.options(), full, fewer, none);
    }

    /** The next residents of the cohort not yet invited, by id after {@code after}. */
    List<Candidate> nextCandidates(Cohort cohort, String after, int limit) {
        List<Object> parameters = new ArrayList<>();
        String where = cohort.selectionSql(parameters);
        parameters.add(after);
        parameters.add(limit);
        return jdbc.query("SELECT r.resident_id, r.district, r.language, 'large_print' = ANY (r.needs) FROM residents r WHERE "
                + where + " AND r.resident_id > ? ORDER BY r.resident_id LIMIT ?",
                (rs, i) -> new Candidate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)),
                parameters.toArray());
    }

    record Candidate(String residentId, String district, String language, boolean largePrint) {
    }

    /** Stores one planned invitation per candidate with its options; returns the form codes. */
    void insert(String wave, String cohortText, long executionId, List<Candidate> candidates,
            List<List<OfferPlanner.Slot>> options) {
        List<Long> serials = jdbc.queryForList("SELECT nextval('form_serial') FROM generate_series(1, ?)", Long.class,
                candidates.size());
        List<Object[]> invitations = new ArrayList<>();
        List<Object[]> offers = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            String code = FormCode.ofSerial(serials.get(i)).digits();
            invitations.add(new Object[] {code, wave, c.residentId(), cohortText, c.language(), c.largePrint(), executionId});
            List<OfferPlanner.Slot> chosen = options.get(i);
            for (int k = 0; k < chosen.size(); k++) {
                offers.add(new Object[] {code, k + 1, chosen.get(k).sessionId()});
            }
        }
        jdbc.batchUpdate("""
                INSERT INTO invitations (form_code, wave, resident_id, cohort, language, large_print, job_execution_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", invitations);
        jdbc.batchUpdate("INSERT INTO offers (form_code, option_no, session_id) VALUES (?, ?, ?)", offers);
    }

    /** Residents to write to again with new dates: none of their sessions had room, or they asked for others. */
    List<NewDatesCandidate> newDatesCandidates(String wave) {
        return jdbc.query("""
                SELECT DISTINCT ON (i.resident_id) i.form_code, i.resident_id, r.district, i.language, i.large_print, i.cohort, i.round
                FROM allocations a JOIN replies rp ON rp.reply_id = a.reply_id
                JOIN invitations i ON i.form_code = rp.form_code
                JOIN residents r ON r.resident_id = i.resident_id
                WHERE i.wave = ? AND a.outcome IN ('unplaced', 'other_dates') AND r.status = 'active'
                  AND NOT EXISTS (SELECT 1 FROM invitations later WHERE later.wave = i.wave AND later.resident_id = i.resident_id
                                  AND later.round > i.round)
                  AND NOT %s
                  AND NOT EXISTS (SELECT 1 FROM declines d WHERE d.wave = i.wave AND d.resident_id = i.resident_id)
                ORDER BY i.resident_id, i.round DESC""".formatted(jp.ofuku.booking.Bookings.INVITATION_BOOKED), (rs, n) -> new NewDatesCandidate(rs.getString(1),
                new Candidate(rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)), rs.getString(6), rs.getInt(7)),
                wave);
    }

    record NewDatesCandidate(String replaces, Candidate resident, String cohort, int round) {
    }

    /** Stores a new-dates invitation replacing an earlier one, with its options. */
    void insertNewDates(String wave, long executionId, NewDatesCandidate c, List<OfferPlanner.Slot> options) {
        long serial = jdbc.queryForObject("SELECT nextval('form_serial')", Long.class);
        String code = FormCode.ofSerial(serial).digits();
        jdbc.update("""
                INSERT INTO invitations (form_code, wave, resident_id, cohort, language, large_print, job_execution_id, round, replaces)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", code, wave, c.resident().residentId(), c.cohort(), c.resident().language(),
                c.resident().largePrint(), executionId, c.round() + 1, c.replaces());
        List<Object[]> offers = new ArrayList<>();
        for (int k = 0; k < options.size(); k++) {
            offers.add(new Object[] {code, k + 1, options.get(k).sessionId()});
        }
        jdbc.batchUpdate("INSERT INTO offers (form_code, option_no, session_id) VALUES (?, ?, ?)", offers);
    }

    /** Waves with residents waiting for new dates. */
    public List<String> wavesWaitingForNewDates() {
        return jdbc.queryForList("""
                SELECT DISTINCT i.wave FROM allocations a JOIN replies rp ON rp.reply_id = a.reply_id
                JOIN invitations i ON i.form_code = rp.form_code
                WHERE a.outcome IN ('unplaced', 'other_dates')
                  AND NOT EXISTS (SELECT 1 FROM invitations later WHERE later.wave = i.wave AND later.resident_id = i.resident_id
                                  AND later.round > i.round)
                UNION SELECT DISTINCT wave FROM invitations WHERE status = 'planned' AND replaces IS NOT NULL
                ORDER BY 1""", String.class);
    }

    /**
     * Print files reserved and not yet written (or left half-written by a killed run: their pieces
     * are fixed, they are written again), locked: letters are withdrawn from them only before or
     * after they are written.
     */
    List<PrintFileRow> unfinishedPrintFiles(String wave) {
        return jdbc.query("SELECT name, directory FROM print_files WHERE wave = ? AND status = 'writing' ORDER BY name COLLATE \"C\"",
                (rs, i) -> new PrintFileRow(rs.getString(1), rs.getString(2)), wave);
    }

    /** The first unfinished print file of the wave named from first to last that no other transaction holds, locked. */
    java.util.Optional<PrintFileRow> claimPrintFile(String wave, String first, String last) {
        return jdbc.query("""
                SELECT name, directory FROM print_files WHERE wave = ? AND status = 'writing'
                  AND name COLLATE "C" BETWEEN ? AND ? ORDER BY name COLLATE "C" LIMIT 1 FOR UPDATE SKIP LOCKED""",
                (rs, i) -> new PrintFileRow(rs.getString(1), rs.getString(2)), wave, first, last).stream().findFirst();
    }

    record PrintFileRow(String name, String directory) {
    }

    /** The next planned invitations not yet in a print file, in postal-code order. */
    List<String> nextUnprinted(String wave, int limit) {
        return jdbc.queryForList("""
                SELECT i.form_code FROM invitations i JOIN residents r ON r.resident_id = i.resident_id
                WHERE i.wave = ? AND i.status = 'planned' AND i.print_file IS NULL AND r.status = 'active'
                ORDER BY r.postal_code, r.resident_id LIMIT ?
                """, String.class, wave, limit);
    }

    void markException(String formCode, String reason) {
        jdbc.update("UPDATE invitations SET status = 'exception', exception = ? WHERE form_code = ?", reason, formCode);
    }

    /** Reserves the pieces for a new print file, in their print order. */
    String createPrintFile(String wave, String directory, long executionId, List<String> formCodes) {
        int next = jdbc.queryForObject("SELECT count(*) FROM print_files WHERE wave = ? AND kind = 'invitation'",
                Integer.class, wave) + 1;
        String name = wave + "-" + String.format("%04d", next);
        jdbc.update("INSERT INTO print_files (name, wave, kind, directory, pieces, job_execution_id) VALUES (?, ?, 'invitation', ?, ?, ?)",
                name, wave, directory, formCodes.size(), executionId);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < formCodes.size(); i++) {
            rows.add(new Object[] {name, i + 1, formCodes.get(i)});
        }
        jdbc.batchUpdate("UPDATE invitations SET print_file = ?, sequence = ? WHERE form_code = ?", rows);
        return name;
    }

    /**
     * Withdraws every invitation and new-dates letter not yet printed whose resident the registry
     * no longer has as active (died, moved away), also out of print files not yet written;
     * returns how many.
     */
    int withdrawLeft() {
        return withdrawLeft("", List.of());
    }

    /** As {@link #withdrawLeft()}, only out of the given print files: those about to be written. */
    int withdrawLeftFrom(List<String> printFiles) {
        Array files = jdbc.execute((java.sql.Connection c) -> c.createArrayOf("text", printFiles.toArray()));
        return withdrawLeft(" AND i.print_file = ANY (?)", List.of(files));
    }

    private int withdrawLeft(String scope, List<Object> parameters) {
        // the print files they leave, and only those, are counted again: a file another worker is writing stays untouched
        List<String> files = jdbc.queryForList("""
                WITH gone AS (
                    SELECT i.form_code, i.print_file FROM invitations i JOIN residents r ON r.resident_id = i.resident_id
                    WHERE r.status <> 'active' AND i.status = 'planned'""" + scope + """
                    FOR UPDATE OF i),
                withdrawn AS (
                    UPDATE invitations i SET status = 'withdrawn', print_file = NULL, sequence = NULL FROM gone
                    WHERE i.form_code = gone.form_code RETURNING gone.print_file)
                SELECT coalesce(print_file, '') FROM withdrawn""", String.class, parameters.toArray());
        List<String> left = files.stream().filter(f -> !f.isEmpty()).distinct().toList();
        if (!left.isEmpty()) {
            Array names = jdbc.execute((java.sql.Connection c) -> c.createArrayOf("text", left.toArray()));
            jdbc.update("""
                    UPDATE print_files f SET pieces = (SELECT count(*) FROM invitations i WHERE i.print_file = f.name)
                    WHERE f.name = ANY (?) AND f.status = 'writing'""", names);
        }
        return files.size();
    }

    /** Takes pieces that failed the print check out of their print file and holds them as exceptions, with the reason. */
    void hold(String printFile, Map<String, String> held) {
        if (held.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        held.forEach((code, reason) -> rows.add(new Object[] {reason, code, printFile}));
        jdbc.batchUpdate("""
                UPDATE invitations SET status = 'exception', exception = ?, print_file = NULL, sequence = NULL
                WHERE form_code = ? AND print_file = ?""", rows);
        jdbc.update("UPDATE print_files SET pieces = (SELECT count(*) FROM invitations WHERE print_file = ?) WHERE name = ?",
                printFile, printFile);
    }

    void markPrinted(String printFile, int pages) {
        jdbc.update("UPDATE print_files SET status = 'done', pages = ?, completed_at = now() WHERE name = ?", pages, printFile);
        jdbc.update("UPDATE invitations SET status = 'printed', printed_at = now() WHERE print_file = ?", printFile);
    }

    /** Everything to print for a list of invitations, in the given order. */
    List<PieceSource> pieces(List<String> formCodes) {
        Map<String, PieceSource> byCode = new HashMap<>();
        Array codes = jdbc.execute((java.sql.Connection c) -> c.createArrayOf("text", formCodes.toArray()));
        jdbc.query("""
                SELECT i.form_code, r.resident_id, r.name, r.address, r.postal_code, i.language, i.large_print,
                       o.option_no, s.session_id, s.starts_at, s.ends_at, s.site_code, t.name, i.replaces IS NOT NULL
                FROM invitations i
                JOIN residents r ON r.resident_id = i.resident_id
                JOIN offers o ON o.form_code = i.form_code
                JOIN sessions s ON s.session_id = o.session_id
                JOIN sites t ON t.site_code = s.site_code
                WHERE i.form_code = ANY (?)
                ORDER BY i.form_code, o.option_no
                """, rs -> {
                    PieceSource p = byCode.computeIfAbsent(rs.getString(1), code -> {
                        try {
                            return new PieceSource(code, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                    rs.getString(6), rs.getBoolean(7), new ArrayList<>(), rs.getBoolean(14));
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    p.options().add(new MailPiece.Option(rs.getInt(8), rs.getLong(9), rs.getObject(10, LocalDateTime.class),
                            rs.getObject(11, LocalDateTime.class), rs.getString(12), rs.getString(13)));
                }, codes);
        return formCodes.stream().map(byCode::get).toList();
    }

    List<String> printFileContents(String printFile) {
        return jdbc.queryForList("SELECT form_code FROM invitations WHERE print_file = ? ORDER BY sequence", String.class,
                printFile);
    }

    /** A piece as stored: the name and address exactly as the registry has them. */
    record PieceSource(String formCode, String residentId, String name, String address, String postalCode,
            String language, boolean largePrint, List<MailPiece.Option> options, boolean newDates) {

        MailPiece toPiece() {
            return new MailPiece(FormCode.parse(formCode).orElseThrow(), residentId, TextFolding.printable(name, language),
                    TextFolding.printable(address, language), postalCode, language, largePrint, options,
                    newDates ? MailPiece.Kind.NEW_DATES : MailPiece.Kind.INVITATION);
        }

        /** Whether a variation sequence of the name or address has no glyph in the letter's fonts and is printed as its base character. */
        boolean folded() {
            return !TextFolding.folded(name, language).isEmpty() || !TextFolding.folded(address, language).isEmpty();
        }
    }

    /** Counts per status of a wave, for the run report. */
    Map<String, Long> counts(String wave) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("SELECT status, count(*) FROM invitations WHERE wave = ? GROUP BY status",
                rs -> { counts.put(rs.getString(1), rs.getLong(2)); }, wave);
        return counts;
    }

    /** Every letter held as an exception, in every wave: form code, resident id, wave, reason. */
    List<Invitations.Held> held() {
        return jdbc.query("""
                SELECT form_code, resident_id, wave, exception, replaces IS NOT NULL FROM invitations
                WHERE status = 'exception' ORDER BY wave, resident_id""",
                (rs, i) -> new Invitations.Held(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getBoolean(5) ? "new dates" : "invitation", rs.getString(4)));
    }

    /** Puts a held letter back in line to print; false when it is not held. */
    boolean release(String formCode) {
        return jdbc.update("""
                UPDATE invitations SET status = 'planned', exception = NULL
                WHERE form_code = ? AND status = 'exception'""", formCode) == 1;
    }

    List<String[]> exceptions(String wave) {
        return jdbc.query("SELECT form_code, resident_id, exception FROM invitations WHERE wave = ? AND status = 'exception' ORDER BY resident_id",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, wave);
    }
}
