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
                """, """
                SELECT s.line, 'capacity' AS column_name,
                       'capacity ' || s.capacity || ' of the session at ' || s.site_code || ' on '
                       || to_char(s.starts_at, 'YYYY-MM-DD HH24:MI') || ' is below the ' || x.booked
                       || ' places already booked there: move or cancel bookings first, or keep the capacity' AS reason
                FROM staging_sessions s JOIN sessions x ON x.site_code = s.site_code AND x.starts_at = s.starts_at
                WHERE s.execution_id = ? AND s.capacity < x.booked
                """);
    }

    @Override
    public MergeCounts merge(JdbcTemplate jdbc, long executionId) {
        return UPSERT.run(jdbc, executionId);
    }
}
