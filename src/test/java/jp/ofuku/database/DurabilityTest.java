package jp.ofuku.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.ofuku.support.DatabaseTest;

/** The embedded database keeps what it commits through a power cut; a server that would not is warned about. */
class DurabilityTest extends DatabaseTest {

    @Test
    void theEmbeddedDatabaseForcesEveryCommitToDisk() {
        for (String setting : ServerDurability.SETTINGS) {
            assertThat(jdbc.queryForObject("SHOW " + setting, String.class)).as(setting).isEqualTo("on");
        }
    }

    @Test
    void aServerWithAnyOfThemOffIsWarnedAboutInOneLineNamingThem() {
        assertThat(ServerDurability.warning(Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on"))).isEmpty();
        assertThat(ServerDurability.warning(Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "on")))
                .hasValueSatisfying(w -> assertThat(w).doesNotContain("\n").contains("fsync, synchronous_commit off")
                        .contains("set fsync = on, synchronous_commit = on in its postgresql.conf"));
    }
}
