package jp.ofuku.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import jp.ofuku.ops.Refusal;

/**
 * The PostgreSQL versions ofuku works with: 15 (Debian 12's own) to 17 (the embedded one), each
 * tested. An older server is refused in one line before anything is written to it; a newer one
 * is used with a warning in the log.
 */
@Component
public class ServerVersion implements Callback {

    private static final Logger log = LoggerFactory.getLogger(ServerVersion.class);

    /** The oldest and newest major versions tested. */
    public static final int OLDEST = 15;
    public static final int NEWEST = 17;

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
        int version;
        String text;
        try (Statement s = context.getConnection().createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int, current_setting('server_version')")) {
            rs.next();
            version = rs.getInt(1);
            text = rs.getString(2);
        } catch (SQLException e) {
            throw new IllegalStateException("could not ask the database for its version", e);
        }
        check(version / 10_000, text);
    }

    /** Refuses a major version older than {@link #OLDEST}; warns of one newer than {@link #NEWEST}. */
    static void check(int major, String text) {
        if (major < OLDEST) {
            throw new Refusal("ofuku needs PostgreSQL " + OLDEST + " to " + NEWEST + "; this server is PostgreSQL " + text
                    + ": upgrade it, or leave OFUKU_DB_URL empty to use the embedded PostgreSQL");
        }
        if (major > NEWEST) {
            log.warn("PostgreSQL {} is newer than the versions ofuku is tested with ({} to {})", text, OLDEST, NEWEST);
        }
    }

    @Override
    public String getCallbackName() {
        return "ofuku server version";
    }
}
