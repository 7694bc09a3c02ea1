package jp.ofuku.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import jp.ofuku.ops.StatusReport;
import jp.ofuku.support.DatabaseTest;

/**
 * The embedded database keeps what it commits through a power cut and archives its WAL for a
 * point-in-time restore; a server that would not keep its commits is warned about.
 */
class DurabilityTest extends DatabaseTest {

    @Test
    void theEmbeddedDatabaseForcesEveryCommitToDisk() {
        for (String setting : ServerDurability.SETTINGS) {
            assertThat(jdbc.queryForObject("SHOW " + setting, String.class)).as(setting).isEqualTo("on");
        }
    }

    @Autowired
    StatusReport status;

    @Autowired
    Environment env;

    @Test
    void itsWriteAheadLogIsArchivedSegmentBySegmentAndStatusSaysWhen() throws Exception {
        assertThat(jdbc.queryForObject("SHOW archive_mode", String.class)).isEqualTo("on");
        jdbc.queryForObject("SELECT pg_logical_emit_message(false, 'ofuku', 'something written')", String.class);
        String segment = jdbc.queryForObject("SELECT pg_walfile_name(pg_switch_wal())", String.class);
        Path archive = Path.of(env.getProperty("ofuku.db.wal-archive"));
        for (int i = 0; i < 300 && !Files.exists(archive.resolve(segment)); i++) {
            Thread.sleep(100);
        }
        assertThat(archive.resolve(segment)).as("the segment switched, archived whole").exists().hasSize(16L << 20);
        assertThat(archive.resolve(segment + ".part")).doesNotExist();
        StatusReport.WalArchive wal = status.read(1).walArchive();
        assertThat(wal.on()).isTrue();
        assertThat(wal.failing()).isFalse();
        assertThat(wal.lastArchived()).isGreaterThanOrEqualTo(segment);
        assertThat(wal.lastArchivedAt()).isNotNull();
    }

    @Test
    void aServerWithAnyOfThemOffIsWarnedAboutInOneLineNamingThem() {
        assertThat(ServerDurability.warning(Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on"))).isEmpty();
        assertThat(ServerDurability.warning(Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "on")))
                .hasValueSatisfying(w -> assertThat(w).doesNotContain("\n").contains("fsync, synchronous_commit off")
                        .contains("set fsync = on, synchronous_commit = on in its postgresql.conf"));
    }
}
