package jp.ofuku.replies;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import jp.ofuku.letters.FormCode;
import jp.ofuku.letters.ReplyFormLayout;

/** Received files, pages read, replies and review items in the database. */
@Repository
@org.springframework.core.annotation.Order(3)
public class ReplyStore implements jp.ofuku.ops.FeatureFacts {

    private final JdbcTemplate jdbc;

    /** Files read and quarantined, replies, pages waiting for a person: for the status report. */
    @Override
    public java.util.Map<String, Long> counts() {
        return jp.ofuku.ops.FeatureFacts.countsOf(jdbc, """
                SELECT 'received_files', count(*) FROM received_files WHERE status = 'read'
                UNION ALL SELECT 'received_files.quarantined', count(*) FROM received_files WHERE status = 'quarantined'
                UNION ALL SELECT 'replies.accepted', count(*) FROM replies WHERE status = 'accepted'
                UNION ALL SELECT 'replies.superseded', count(*) FROM replies WHERE status = 'superseded'
                UNION ALL SELECT 'review_items.open', count(*) FROM review_items WHERE resolved_at IS NULL""");
    }

    /** Every reply, in the order received. */
    @Override
    public java.util.Map<String, Export> exports() {
        return java.util.Map.of("replies", new Export("""
                SELECT r.form_code, i.resident_id, r.status, array_to_string(r.marked_options, ';') AS marked_options,
                       array_to_string(r.extra, ';') AS extra, f.original_name AS source_file, r.source_page AS page,
                       round(r.confidence::numeric, 3) AS confidence
                FROM replies r JOIN invitations i ON i.form_code = r.form_code
                LEFT JOIN received_files f ON f.sha256 = r.source_sha256
                ORDER BY r.reply_id""",
                List.of("form_code", "resident_id", "status", "marked_options", "extra", "source_file", "page", "confidence")));
    }

    /** Replies received each day from {@code from} to {@code to}: {accepted (or superseded since), the others}. */
    public java.util.Map<java.time.LocalDate, long[]> perDay(java.time.LocalDate from, java.time.LocalDate to) {
        java.util.Map<java.time.LocalDate, long[]> days = new java.util.TreeMap<>();
        jdbc.query("""
                SELECT received_at::date, count(*) FILTER (WHERE status IN ('accepted', 'superseded')),
                       count(*) FILTER (WHERE status NOT IN ('accepted', 'superseded'))
                FROM replies WHERE received_at::date BETWEEN ? AND ? GROUP BY 1""",
                rs -> {
                    days.put(rs.getObject(1, java.time.LocalDate.class), new long[] {rs.getLong(2), rs.getLong(3)});
                }, from, to);
        return days;
    }

    /** A reply as the console lists it. */
    public record Reply(long id, String formCode, String status, String marked, String extra, java.time.OffsetDateTime received,
            String resolvedBy) {
    }

    /** The replies to any form sent to the resident, in the order received. */
    public List<Reply> repliesOf(String residentId) {
        return jdbc.query("""
                SELECT r.reply_id, r.form_code, r.status, array_to_string(r.marked_options, ', '), array_to_string(r.extra, ', '),
                       r.received_at, r.resolved_by
                FROM replies r JOIN invitations i ON i.form_code = r.form_code WHERE i.resident_id = ? ORDER BY r.reply_id""",
                (rs, i) -> new Reply(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, java.time.OffsetDateTime.class), rs.getString(7)), residentId);
    }

    /** A page sent to review that the machine read as one of the resident's forms. */
    public record ReviewItem(long id, String formCode, String reason, java.time.OffsetDateTime created, String resolution) {
    }

    public List<ReviewItem> reviewItemsOf(String residentId) {
        return jdbc.query("""
                SELECT v.review_id, v.guess_form_code, v.reason, v.created_at, v.resolution FROM review_items v
                JOIN invitations i ON i.form_code = v.guess_form_code WHERE i.resident_id = ? ORDER BY v.review_id""",
                (rs, i) -> new ReviewItem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, java.time.OffsetDateTime.class),
                        rs.getString(5)), residentId);
    }

    /** Whether the run was asked to stop (by a signal to its process, or by scripts/ofuku stop from another). */
    boolean stopAsked(long jobExecution) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT status IN ('STOPPING', 'STOPPED') FROM batch_job_execution WHERE job_execution_id = ?", Boolean.class,
                jobExecution));
    }

    public ReplyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The sessions the resident marked on their latest reply in the wave (then earlier ones), in the order of the form's options. */
    public List<Long> markedSessions(String wave, String resident) {
        return jdbc.queryForList("""
                SELECT o.session_id FROM replies rp JOIN invitations i ON i.form_code = rp.form_code
                JOIN offers o ON o.form_code = rp.form_code AND o.option_no = ANY (rp.marked_options)
                WHERE i.wave = ? AND i.resident_id = ?
                ORDER BY rp.reply_id DESC, o.option_no""", Long.class, wave, resident);
    }

    boolean seen(String sha256) {
        return jdbc.queryForObject("SELECT count(*) FROM received_files WHERE sha256 = ?", Long.class, sha256) > 0;
    }

    /**
     * Claims a received file by its bytes' SHA-256, in the caller's transaction: true when this
     * transaction is the first to hold those bytes. Another transaction holding the same bytes
     * (the same fax twice in the inbox, read by two workers) waits for this one, then finds them
     * claimed: a file is recorded once, however many copies arrive.
     */
    boolean claim(String sha256, String name, long bytes, String kind, long executionId) {
        return jdbc.update("""
                INSERT INTO received_files (sha256, original_name, bytes, kind, status, stored_at, job_execution_id)
                VALUES (?, ?, ?, ?, 'read', '', ?) ON CONFLICT (sha256) DO NOTHING""", sha256, name, bytes, kind, executionId) == 1;
    }

    /** Lets go of a claim made in this transaction (the file changed while it was read: the next run reads it). */
    void unclaim(String sha256) {
        jdbc.update("DELETE FROM received_files WHERE sha256 = ?", sha256);
    }

    /** Records what became of a claimed file: read (with its pages) or quarantined (with why), and where it is kept. */
    void recordFile(String sha256, Integer pages, String status, String reason, String storedAt) {
        jdbc.update("UPDATE received_files SET pages = ?, status = ?, reason = ?, stored_at = ? WHERE sha256 = ?", pages, status,
                reason, storedAt, sha256);
    }

    /** The layout of a form this database printed, or empty for an unknown form code. */
    Optional<ReplyFormLayout> layoutOf(FormCode code) {
        List<ReplyFormLayout> found = jdbc.query("""
                SELECT i.large_print, count(o.option_no) FROM invitations i LEFT JOIN offers o ON o.form_code = i.form_code
                WHERE i.form_code = ? GROUP BY i.large_print""", (rs, i) -> new ReplyFormLayout(rs.getBoolean(1), rs.getInt(2)),
                code.digits());
        return found.stream().findFirst();
    }

    void recordPage(String sha256, int page, String outcome, String identification, String formCode,
            Collection<Integer> marked, Collection<String> extra, double confidence, String detail) {
        jdbc.update("""
                INSERT INTO read_pages (sha256, page, outcome, identification, form_code, marked_options, extra, confidence, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", sha256, page, outcome, identification, formCode, PgArrays.ints(jdbc, marked),
                PgArrays.texts(jdbc, extra), confidence, detail);
    }

    /** A form's accepted reply: what it marked, and when it came. */
    record Answer(List<Integer> marked, List<String> extra, java.time.OffsetDateTime received) {

        boolean says(List<Integer> otherMarked, List<String> otherExtra) {
            return marked.equals(otherMarked) && extra.equals(otherExtra);
        }

        /** "options 3, 7, other dates" as a person reads it. */
        static String describe(List<Integer> marked, List<String> extra) {
            List<String> parts = new java.util.ArrayList<>();
            if (!marked.isEmpty()) {
                parts.add("option" + (marked.size() > 1 ? "s " : " ") + marked.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(", ")));
            }
            extra.forEach(e -> parts.add(e.replace('_', ' ')));
            return parts.isEmpty() ? "nothing marked" : String.join(", ", parts);
        }
    }

    /**
     * Takes the forms' turns until the transaction ends, in one order whatever the order of the
     * pages: two files answering the same form, read side by side, are decided one after the other.
     */
    void lockForms(Collection<String> formCodes) {
        formCodes.stream().filter(java.util.Objects::nonNull).mapToInt(c -> (int) Long.parseLong(c)).distinct().sorted()
                .forEach(key -> jp.ofuku.ops.Advisory.REPLY.holdForTransaction(jdbc, key));
    }

    /** The form's accepted reply, when it has one. */
    Optional<Answer> answer(String formCode) {
        return jdbc.query("""
                SELECT marked_options, extra, received_at FROM replies WHERE form_code = ? AND status = 'accepted'
                ORDER BY reply_id DESC LIMIT 1""", (rs, i) -> new Answer(ints(rs.getArray(1)), texts(rs.getArray(2)),
                rs.getObject(3, java.time.OffsetDateTime.class)), formCode).stream().findFirst();
    }

    private static List<Integer> ints(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? List.of() : java.util.Arrays.stream((Integer[]) array.getArray()).toList();
    }

    private static List<String> texts(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? List.of() : java.util.Arrays.stream((String[]) array.getArray()).toList();
    }

    /**
     * Records the form's first answer as its accepted reply. A later page of the form is the
     * read job's to decide first ({@link #answer}): the same answer again is a duplicate, a
     * different one goes to a person, and never replaces the first unseen.
     */
    void accept(String formCode, List<Integer> marked, List<String> extra, String sha256, int page, double confidence) {
        jdbc.update("""
                INSERT INTO replies (form_code, status, marked_options, extra, source_sha256, source_page, confidence)
                VALUES (?, 'accepted', ?, ?, ?, ?, ?)""", formCode, PgArrays.ints(jdbc, marked), PgArrays.texts(jdbc, extra), sha256, page, confidence);
    }

    /** One of our letters came back undelivered. */
    void returned(String formCode, String sha256, int page) {
        jdbc.update("INSERT INTO returned_mail (form_code, sha256, page) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", formCode,
                sha256, page);
    }

    /**
     * A page for a person to decide, with the machine's best guess: the form and options it
     * read, or for a page that is not a form its text and the resident it may be from.
     */
    void review(String sha256, int page, String reason, String formCode, List<Integer> guess, double confidence,
            String pageText, String guessResident, String detail) {
        jdbc.update("""
                INSERT INTO review_items (sha256, page, reason, guess_form_code, guess_options, page_text, guess_resident_id, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (sha256, page) DO NOTHING""", sha256, page, reason, formCode, PgArrays.ints(jdbc, guess), pageText,
                guessResident, detail);
        if (formCode != null && jdbc.queryForObject("SELECT count(*) FROM invitations WHERE form_code = ?", Long.class,
                formCode) > 0) {
            jdbc.update("""
                    INSERT INTO replies (form_code, status, marked_options, source_sha256, source_page, confidence)
                    VALUES (?, 'review', ?, ?, ?, ?) ON CONFLICT DO NOTHING""", formCode, PgArrays.ints(jdbc, guess), sha256, page, confidence);
        }
    }

    /** Keeps the pieces of a page a person looks at (PNG). */
    void crops(String sha256, int page, java.util.Map<String, byte[]> crops) {
        crops.forEach((name, png) -> jdbc.update("""
                INSERT INTO page_crops (sha256, page, name, png) VALUES (?, ?, ?, ?)
                ON CONFLICT (sha256, page, name) DO NOTHING""", sha256, page, name, png));
    }

    /** The resident a form was printed for. */
    Optional<String> residentOf(FormCode code) {
        return jdbc.queryForList("SELECT resident_id FROM invitations WHERE form_code = ?", String.class, code.digits())
                .stream().findFirst();
    }

    /** The first of these words that is a resident's number in the registry. */
    Optional<String> firstResident(List<String> candidates) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        List<String> known = jdbc.queryForList("SELECT resident_id FROM residents WHERE resident_id = ANY (?)", String.class,
                PgArrays.texts(jdbc, candidates));
        return candidates.stream().filter(known::contains).findFirst();
    }
}
