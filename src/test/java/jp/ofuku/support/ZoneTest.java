package jp.ofuku.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;

/**
 * ofuku decides in its own zone whatever the host's: run by the build once as usual and once on
 * a "UTC host" (the JVM and the embedded PostgreSQL set to UTC, see pom.xml), where this also
 * checks that the host really is set so.
 */
class ZoneTest extends DatabaseTest {

    @Test
    void theDatabaseSessionShowsTimesInOfukusZoneWhateverTheHosts() {
        String host = System.getProperty("ofuku.test.host-zone");
        if (host != null) {
            assertThat(TimeZone.getDefault().getID()).as("the JVM of the UTC run").isEqualTo(host);
            assertThat(jdbc.queryForObject("SELECT boot_val FROM pg_settings WHERE name = 'TimeZone'", String.class))
                    .as("what the server itself would use").isNotNull();
        }
        assertThat(jdbc.queryForObject("SHOW TimeZone", String.class)).isEqualTo("Asia/Tokyo");
        // a session at 10:00 in Tokyo is at 10:00 in the database's own words, whatever the JVM's zone
        LocalDateTime tokyo = LocalDateTime.of(2026, 12, 3, 10, 0);
        assertThat(jdbc.queryForObject("SELECT to_char(?::timestamptz, 'YYYY-MM-DD HH24:MI')", String.class,
                tokyo.atZone(ZoneId.of("Asia/Tokyo")).toOffsetDateTime())).isEqualTo("2026-12-03 10:00");
    }
}
