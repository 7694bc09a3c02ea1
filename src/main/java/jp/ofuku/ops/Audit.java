package jp.ofuku.ops;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit log: who did what, when, to what, and what it was before and after. Targets are
 * ids (a review item, a form code, a resident id, a run), never names or addresses.
 */
@Component
public class Audit {

    /** Who acts from the command line: the operating-system user. */
    public static String commandLine() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    /** The command line's actor, and the person who asked for it when the command says ({@code --by}). */
    public static String commandLine(String by) {
        return commandLine() + (by == null ? "" : " as " + by);
    }

    private final JdbcTemplate jdbc;

    public Audit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String actor, String action, String target, String before, String after) {
        jdbc.update("INSERT INTO audit_log (actor, action, target, before, after) VALUES (?, ?, ?, ?, ?)", actor, action, target,
                before, after);
    }

    /** The newest entries first, at most {@code limit}; {@code actor} and {@code action} filter when not blank. */
    public List<Entry> recent(int limit, String actor, String action) {
        return jdbc.query("""
                SELECT audit_id, at, actor, action, target, before, after FROM audit_log
                WHERE (? = '' OR actor = ?) AND (? = '' OR action LIKE ? || '%')
                ORDER BY audit_id DESC LIMIT ?""",
                (rs, i) -> new Entry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)),
                blank(actor), blank(actor), blank(action), blank(action), limit);
    }

    private static String blank(String s) {
        return s == null ? "" : s.strip();
    }

    public record Entry(long id, OffsetDateTime at, String actor, String action, String target, String before, String after) {
    }
}
