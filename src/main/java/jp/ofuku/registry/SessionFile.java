package jp.ofuku.registry;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import jp.ofuku.booking.SessionCancel;

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

    private final ObjectProvider<SessionCancel> sessions;

    public SessionFile(ObjectProvider<SessionCancel> sessions) {
        this.sessions = sessions;
    }

    @Override
    public List<String> crossRowChecks() {
        return crossRowChecks(false);
    }

    @Override
    public List<String> crossRowChecks(boolean moveSurplus) {
        return moveSurplus ? List.of(UPSERT.duplicateCheck("site_code+start"), UNKNOWN_SITE) : List.of(UPSERT.duplicateCheck("site_code+start"),
                UNKNOWN_SITE, """
                SELECT s.line, 'capacity' AS column_name,
                       'capacity ' || s.capacity || ' of the session at ' || s.site_code || ' on '
                       || to_char(s.starts_at, 'YYYY-MM-DD HH24:MI') || ' is below the ' || x.booked
                       || ' places already booked there: move or cancel bookings first, keep the capacity, or import with'
                       || ' --move-surplus to move the bookings made last to other sessions' AS reason
                FROM staging_sessions s JOIN sessions x ON x.site_code = s.site_code AND x.starts_at = s.starts_at
                WHERE s.execution_id = ? AND s.capacity < x.booked
                """);
    }

    private static final String UNKNOWN_SITE = """
                SELECT s.line, 'site_code' AS column_name,
                       'site ' || s.site_code || ' is not in the registry: import sites.csv first, or correct the code' AS reason
                FROM staging_sessions s
                WHERE s.execution_id = ? AND NOT EXISTS (SELECT 1 FROM sites t WHERE t.site_code = s.site_code)
                """;

    @Override
    public MergeCounts merge(JdbcTemplate jdbc, long executionId) {
        return UPSERT.run(jdbc, executionId);
    }

    /**
     * With {@code moveSurplus}, the bookings over each lowered capacity are moved first, in the
     * merge's transaction (a sessions file that fails to merge moves nobody): to a session the
     * resident marked, else the nearest with room, else cancelled with new dates offered.
     */
    @Override
    public MergeCounts merge(JdbcTemplate jdbc, long executionId, boolean moveSurplus) {
        if (!moveSurplus) {
            return merge(jdbc, executionId);
        }
        List<Lowered> lowered = jdbc.query("""
                SELECT x.session_id, s.capacity FROM staging_sessions s JOIN sessions x ON x.site_code = s.site_code AND x.starts_at = s.starts_at
                WHERE s.execution_id = ? AND s.capacity < x.booked ORDER BY x.starts_at, x.site_code FOR UPDATE OF x""",
                (rs, i) -> new Lowered(rs.getLong(1), rs.getInt(2)), executionId);
        List<String> moved = new ArrayList<>();
        for (Lowered l : lowered) {
            for (SessionCancel.Moved m : sessions.getObject().moveSurplus(l.sessionId(), l.capacity(),
                    jp.ofuku.ops.Audit.commandLine() + " (import sessions --move-surplus)")) {
                moved.add(m.residentId() + " dose " + m.dose() + ": " + switch (m.where()) {
                    case MARKED -> "to " + m.to() + " (a session they marked)";
                    case NEAREST -> "to " + m.to() + " (the nearest with room)";
                    case NEW_DATES -> "cancelled; new dates offered by the next run";
                    case CANCELLED -> "cancelled; book by hand (no session with room)";
                });
            }
        }
        MergeCounts counts = UPSERT.run(jdbc, executionId);
        return new MergeCounts(counts.inserted(), counts.updated(), counts.unchanged(), counts.statusChanges(), moved);
    }

    /** A session whose capacity the file lowers below its bookings, and the capacity it lowers it to. */
    private record Lowered(long sessionId, int capacity) {
    }
}
