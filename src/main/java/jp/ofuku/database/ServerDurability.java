package jp.ofuku.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A database that may lose what it said was committed is warned about in one line when a command
 * starts: with fsync, synchronous_commit or full_page_writes off, a power cut can lose a reply
 * whose file was already archived, or corrupt the database. The embedded server runs with all
 * three on; a server given by OFUKU_DB_URL is the DBA's, so it is warned about, not refused.
 */
@Component
public class ServerDurability implements Callback {

    private static final Logger log = LoggerFactory.getLogger(ServerDurability.class);

    /** The settings that must be on for a commit to survive a power cut. */
    static final List<String> SETTINGS = List.of("fsync", "synchronous_commit", "full_page_writes");

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_VALIDATE || event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Statement s = context.getConnection().createStatement();
                ResultSet rs = s.executeQuery("SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit',"
                        + " 'full_page_writes') ORDER BY name")) {
            while (rs.next()) {
                settings.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not ask the database for its durability settings", e);
        }
        warning(settings).ifPresent(log::warn);
    }

    /** The one-line warning for these settings, when any that must be on is off. */
    static Optional<String> warning(Map<String, String> settings) {
        List<String> off = new ArrayList<>();
        for (String name : SETTINGS) {
            if ("off".equalsIgnoreCase(settings.getOrDefault(name, "on"))) {
                off.add(name);
            }
        }
        return off.isEmpty() ? Optional.empty()
                : Optional.of("the database runs with " + String.join(", ", off) + " off: a power cut can lose replies and bookings"
                        + " it reported as saved, or corrupt the database; set " + String.join(" = on, ", off)
                        + " = on in its postgresql.conf");
    }

    @Override
    public String getCallbackName() {
        return "ofuku server durability";
    }
}
