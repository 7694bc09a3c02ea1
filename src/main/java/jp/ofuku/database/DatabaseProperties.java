package jp.ofuku.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the database is. With no {@code url}, ofuku runs its own embedded PostgreSQL
 * whose files live in {@code dataDir} and survive between runs, and whose write-ahead log is
 * archived into {@code walArchive} (blank: not archived) for a point-in-time restore.
 * {@code recoverFrom} and {@code recoverUntil} are set by {@code restore --until} only: the base
 * copy to lay into the empty data folder and the moment to replay the archive to
 * (ISO-8601 with offset; blank: its end).
 */
@ConfigurationProperties("ofuku.db")
public record DatabaseProperties(
        String url,
        String user,
        String password,
        @DefaultValue("data/pg") Path dataDir,
        @DefaultValue("10") int poolSize,
        String walArchive,
        Path recoverFrom,
        String recoverUntil) {

    /** The WAL archive of the embedded database, if it archives. */
    public Path walArchivePath() {
        return walArchive == null || walArchive.isBlank() ? null : Path.of(walArchive);
    }

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
