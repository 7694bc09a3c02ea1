package jp.ofuku.registry;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** A resident as the registry holds them, for the pages that show one and the desk that looks for one. */
@Repository
public class Residents {

    /** A resident: who, where, in which language, and whether the registry has them as active. */
    public record Resident(String id, String name, String nameKana, String postalCode, String address, String language,
            String status) {
    }

    private final JdbcTemplate jdbc;

    public Residents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Resident> find(String residentId) {
        return jdbc.query("""
                SELECT resident_id, name, name_kana, postal_code, address, language, status FROM residents WHERE resident_id = ?""",
                (rs, i) -> new Resident(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)), residentId).stream().findFirst();
    }

    /** A resident a search found. */
    public record Found(String id, String name, String nameKana, String address, String status) {
    }

    /**
     * Residents whose name, kana or Latin name contains what was typed, compared as the
     * database's {@code name_key} makes them comparable: full- and half-width alike, hiragana as
     * katakana, official-name variants as their common kanji (髙橋 finds 高橋), spaces and ・
     * ignored, Latin accents and case ignored. Nothing for a query with nothing to compare; at
     * most {@code limit}, by id.
     */
    public List<Found> search(String query, int limit) {
        String q = query == null ? "" : query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return jdbc.query("""
                WITH q AS (SELECT '%' || name_key(?) || '%' AS pattern, name_key(?) AS key)
                SELECT r.resident_id, r.name, r.name_kana, r.address, r.status FROM residents r, q
                WHERE q.key <> '' AND (name_key(r.name) LIKE q.pattern OR name_key(r.name_kana) LIKE q.pattern
                                       OR name_key(r.name_latin) LIKE q.pattern)
                ORDER BY r.resident_id LIMIT ?""", (rs, i) -> new Found(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5)), q, q, limit);
    }

    /** The registry's status of the resident (active, deceased, moved_out), empty when there is no such resident. */
    public Optional<String> status(String residentId) {
        return jdbc.queryForList("SELECT status FROM residents WHERE resident_id = ?", String.class, residentId).stream().findFirst();
    }
}
