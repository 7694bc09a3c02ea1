package jp.ofuku.registry;

import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** A resident as the registry holds them, for the pages that show one. */
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
}
