package jp.ofuku.registry;

import java.time.LocalDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** sessions.csv: {@code site_code, start, end, capacity, vaccine, dose}; a session is its site and start. */
@Component
public class SessionFile implements RegistryKind {

    private static final StagedUpsert UPSERT = new StagedUpsert("sessions", "staging_sessions",
            List.of("site_code", "starts_at"), List.of("ends_at", "capacity", "vaccine", "dose"));

    @Override
    public String name() {
        return "sessions";
    }

    @Override
    public List<String> requiredColumns() {
        return List.of("site_code", "start", "end", "capacity", "vaccine", "dose");
    }

    @Override
    public String stagingTable() {
        return "staging_sessions";
    }

    @Override
    public List<String> stagingColumns() {
        return List.of("site_code", "starts_at", "ends_at", "capacity", "vaccine", "dose");
    }

    @Override
    public String[] stage(RowCheck row) {
        String site = row.code("site_code");
        LocalDateTime start = row.dateTime("start");
        LocalDateTime end = row.dateTime("end");
        if (start != null && end != null && !end.isAfter(start)) {
            row.problem("end", "the session ends (" + end + ") before or when it starts (" + start + ")");
        }
        Integer capacity = row.positiveInteger("capacity");
        String vaccine = row.code("vaccine");
        Integer dose = row.positiveInteger("dose");
        return new String[] {site, String.valueOf(start), String.valueOf(end), String.valueOf(capacity), vaccine,
                String.valueOf(dose)};
    }

    @Override
    public List<String> crossRowChecks() {
        return List.of(UPSERT.duplicateCheck("site_code+start"), """
                SELECT s.line, 'site_code' AS column_name,
                       'site ' || s.site_code || ' is not in the registry: import sites.csv first, or correct the code' AS reason
                FROM staging_sessions s
                WHERE s.execution_id = ? AND NOT EXISTS (SELECT 1 FROM sites t WHERE t.site_code = s.site_code)
                """);
    }

    @Override
    public MergeCounts merge(JdbcTemplate jdbc, long executionId) {
        return UPSERT.run(jdbc, executionId);
    }
}
