package jp.ofuku.registry;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * residents.csv: who may be invited, where to write to them, in which language, what they
 * need, and whether they still live here. Names and addresses are kept exactly as given.
 */
@Component
public class ResidentFile implements RegistryKind {

    static final Set<String> NEEDS = Set.of("large_print", "wheelchair", "interpreter");
    static final Set<String> STATUSES = Set.of("active", "moved_out", "deceased");
    private static final LocalDate OLDEST_BIRTH_DATE = LocalDate.of(1880, 1, 1);

    private static final List<String> VALUES = List.of("name", "name_kana", "name_latin", "birth_date", "postal_code",
            "address", "district", "language", "needs", "status", "status_date");
    private static final StagedUpsert UPSERT = new StagedUpsert("residents", "staging_residents",
            List.of("resident_id"), VALUES);

    private final Clock clock;

    public ResidentFile(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "residents";
    }

    @Override
    public List<String> requiredColumns() {
        return List.of("resident_id", "name", "name_kana", "birth_date", "postal_code", "address", "district", "language",
                "needs", "status", "status_date");
    }

    @Override
    public List<String> optionalColumns() {
        return List.of("name_latin");
    }

    @Override
    public String stagingTable() {
        return "staging_residents";
    }

    @Override
    public List<String> stagingColumns() {
        return List.of("resident_id", "name", "name_kana", "name_latin", "birth_date", "postal_code", "address",
                "district", "language", "needs", "status", "status_date");
    }

    @Override
    public String[] stage(RowCheck row) {
        LocalDate today = LocalDate.now(clock);
        String id = row.code("resident_id");
        String name = row.text("name");
        String kana = row.optionalText("name_kana");
        String latin = row.optionalText("name_latin");
        LocalDate birth = row.date("birth_date", true);
        if (birth != null && (birth.isAfter(today) || birth.isBefore(OLDEST_BIRTH_DATE))) {
            row.problem("birth_date", birth + " is not a possible birth date");
        }
        String postal = row.postalCode("postal_code");
        String address = row.text("address");
        String district = row.code("district");
        String language = language(row);
        String needs = needs(row);
        String status = row.raw("status").strip().toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(status)) {
            row.problem("status", status.isEmpty() ? "is empty (expected active, moved_out or deceased)"
                    : "'" + status + "' is not active, moved_out or deceased");
        }
        LocalDate statusDate = row.date("status_date", !status.equals("active") && STATUSES.contains(status));
        if (statusDate != null && statusDate.isAfter(today)) {
            row.problem("status_date", statusDate + " is in the future");
        }
        return new String[] {id, name, kana, latin, String.valueOf(birth), postal, address, district, language, needs,
                status, statusDate == null ? null : statusDate.toString()};
    }

    private static String language(RowCheck row) {
        String given = row.raw("language").strip();
        if (given.isEmpty()) {
            return Language.FALLBACK.tag();
        }
        return Language.ofTag(given).map(Language::tag).orElseGet(() -> {
            row.warning("language", "'" + given + "' is not a supported language; letters fall back to Japanese");
            return given;
        });
    }

    private static String needs(RowCheck row) {
        Set<String> needs = new TreeSet<>();
        for (String part : row.raw("needs").split("[;；]")) {
            String need = part.strip().toLowerCase(Locale.ROOT);
            if (need.isEmpty()) {
                continue;
            }
            if (!NEEDS.contains(need)) {
                row.problem("needs", "'" + need + "' is not one of large_print, wheelchair, interpreter");
            }
            needs.add(need);
        }
        return needs.stream().collect(Collectors.joining(",", "{", "}"));
    }

    @Override
    public List<String> crossRowChecks() {
        return List.of(UPSERT.duplicateCheck("resident_id"), """
                SELECT s.line, 'district' AS column_name,
                       'district ' || s.district || ' is not in the registry: import districts.csv first, or correct the code' AS reason
                FROM staging_residents s
                WHERE s.execution_id = ? AND NOT EXISTS (SELECT 1 FROM districts d WHERE d.district = s.district)
                """);
    }

    /** Records what changed for residents already known, then merges; both in the caller's transaction. */
    @Override
    public MergeCounts merge(JdbcTemplate jdbc, long executionId) {
        String changed = VALUES.stream()
                .map(c -> "CASE WHEN r.%s IS DISTINCT FROM s.%s THEN '%s' END".formatted(c, c, c))
                .collect(Collectors.joining(", "));
        String current = VALUES.stream().map(c -> "r." + c).collect(Collectors.joining(", "));
        String incoming = VALUES.stream().map(c -> "s." + c).collect(Collectors.joining(", "));
        jdbc.update("""
                INSERT INTO resident_changes (resident_id, changed_fields, old_status, new_status, status_date, job_execution_id)
                SELECT r.resident_id, array_remove(ARRAY[%s], NULL), r.status, s.status, s.status_date, ?
                FROM staging_residents s JOIN residents r ON r.resident_id = s.resident_id
                WHERE s.execution_id = ? AND (%s) IS DISTINCT FROM (%s)
                """.formatted(changed, current, incoming), executionId, executionId);
        MergeCounts counts = UPSERT.run(jdbc, executionId);
        Map<String, Long> statusChanges = jdbc.query("""
                SELECT new_status, count(*) FROM resident_changes
                WHERE job_execution_id = ? AND old_status <> new_status GROUP BY new_status
                """, rs -> {
                    Map<String, Long> m = new java.util.TreeMap<>();
                    while (rs.next()) {
                        m.put(rs.getString(1), rs.getLong(2));
                    }
                    return m;
                }, executionId);
        return new MergeCounts(counts.inserted(), counts.updated(), counts.unchanged(), statusChanges);
    }
}
