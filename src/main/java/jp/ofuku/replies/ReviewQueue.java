package jp.ofuku.replies;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.ofuku.letters.FormCode;

/**
 * The pages a person decides. Resolving one records who and when; a resolution that names a
 * form and its marked options becomes that form's accepted reply (the later one wins, as for
 * replies read by the machine).
 */
@Service
public class ReviewQueue {

    private static final String SELECT = """
                SELECT r.review_id, r.sha256, r.page, f.original_name, f.stored_at, r.reason, r.guess_form_code,
                       array_to_string(r.guess_options, ';'), r.created_at, r.resolved_by, r.resolved_at, r.resolution,
                       r.detail, r.page_text, r.guess_resident_id
                FROM review_items r JOIN received_files f ON f.sha256 = r.sha256
            """;

    private final JdbcTemplate jdbc;

    public ReviewQueue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Item> open() {
        return jdbc.query(SELECT + " WHERE r.resolved_at IS NULL ORDER BY r.review_id", (rs, i) -> item(rs));
    }

    public Optional<Item> get(long id) {
        return jdbc.query(SELECT + " WHERE r.review_id = ?", (rs, i) -> item(rs), id).stream().findFirst();
    }

    private static Item item(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Item(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class), rs.getString(10),
                rs.getObject(11, OffsetDateTime.class), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15));
    }

    /** The pieces of an item's page kept for a person (answers, code, phone; or a preview), by name, as PNG. */
    public java.util.Map<String, byte[]> crops(Item item) {
        java.util.Map<String, byte[]> crops = new java.util.LinkedHashMap<>();
        jdbc.query("SELECT name, png FROM page_crops WHERE sha256 = ? AND page = ? ORDER BY name",
                rs -> { crops.put(rs.getString(1), rs.getBytes(2)); }, item.sha256(), item.page());
        return crops;
    }

    /**
     * Resolves an item. With a form code, the options (and extras) become its accepted reply;
     * without, the page is recorded as not a reply (with the note saying what it was).
     */
    @Transactional
    public Item resolve(long id, String by, Optional<String> formCode, List<Integer> options, List<String> extras, String note) {
        Item item = get(id).orElseThrow(() -> new IllegalArgumentException("no review item " + id));
        if (item.resolvedAt() != null) {
            throw new IllegalArgumentException("review item " + id + " was resolved by " + item.resolvedBy() + " at "
                    + item.resolvedAt());
        }
        String resolution;
        if (formCode.isPresent()) {
            FormCode code = FormCode.parse(formCode.get())
                    .orElseThrow(() -> new IllegalArgumentException(formCode.get() + " is not a form code (10 digits with valid check digits)"));
            long options12 = jdbc.queryForObject("SELECT count(*) FROM offers WHERE form_code = ?", Long.class, code.digits());
            if (options12 == 0) {
                throw new IllegalArgumentException("form " + code.printed() + " was not printed by this database");
            }
            for (int k : options) {
                if (k < 1 || k > options12) {
                    throw new IllegalArgumentException("form " + code.printed() + " has options 1 to " + options12 + ", not " + k);
                }
            }
            jdbc.update("UPDATE replies SET status = 'superseded' WHERE form_code = ? AND status IN ('accepted', 'review')",
                    code.digits());
            jdbc.update("DELETE FROM replies WHERE source_sha256 = ? AND source_page = ?", item.sha256(), item.page());
            jdbc.update("""
                    INSERT INTO replies (form_code, status, marked_options, extra, source_sha256, source_page, confidence,
                                         resolved_by, resolved_at)
                    VALUES (?, 'accepted', ?, ?, ?, ?, 1, ?, now())""", code.digits(), PgArrays.ints(jdbc, options), PgArrays.texts(jdbc, extras),
                    item.sha256(), item.page(), by);
            resolution = "reply for form " + code.printed() + ": options " + (options.isEmpty() ? "none" : options)
                    + (extras.isEmpty() ? "" : ", " + extras) + (note.isBlank() ? "" : "; " + note);
        } else {
            jdbc.update("UPDATE replies SET status = 'rejected', resolved_by = ?, resolved_at = now() "
                    + "WHERE source_sha256 = ? AND source_page = ?", by, item.sha256(), item.page());
            resolution = "not a reply" + (note.isBlank() ? "" : ": " + note);
        }
        jdbc.update("UPDATE review_items SET resolved_by = ?, resolved_at = now(), resolution = ? WHERE review_id = ?", by,
                resolution, id);
        return get(id).orElseThrow();
    }

    public record Item(long id, String sha256, int page, String file, String storedAt, String reason, String guessFormCode,
            String guessOptions, OffsetDateTime created, String resolvedBy, OffsetDateTime resolvedAt, String resolution,
            String detail, String pageText, String guessResident) {

        public List<Integer> guess() {
            return guessOptions == null || guessOptions.isEmpty() ? List.of()
                    : Arrays.stream(guessOptions.split(";")).map(Integer::parseInt).toList();
        }
    }
}
