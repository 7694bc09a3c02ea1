package jp.ofuku.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the database is. With no {@code url}, ofuku runs its own embedded PostgreSQL
 * whose files live in {@code dataDir} and survive between runs.
 */
@ConfigurationProperties("ofuku.db")
public record DatabaseProperties(
        String url,
        String user,
        String password,
        @DefaultValue("data/pg") Path dataDir,
        @DefaultValue("10") int poolSize) {

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
