package jp.ofuku.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariDataSource;

import jp.ofuku.ops.Refusal;

/** The one DataSource: a configured PostgreSQL server, or the embedded one. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
public class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabaseHolder embeddedDatabase(DatabaseProperties properties, @Value("${ofuku.zone}") String zone, Clock clock) {
        if (properties.recoverFrom() != null && !properties.embedded()) {
            throw new Refusal("restore --until is for the embedded database: a PostgreSQL server is taken back to a"
                    + " moment by its own tools (pgBackRest; docs/reliability.md)");
        }
        if (properties.recoverFrom() != null) {
            try {
                new PointInTime(properties.dataDir(), properties.walArchivePath()).prepareRecovery(properties.recoverFrom(),
                        recoverUntil(properties, ZoneId.of(zone)), clock);
            } catch (IOException e) {
                throw new UncheckedIOException("the base copy " + properties.recoverFrom() + " could not be laid into "
                        + properties.dataDir() + ": " + e.getMessage(), e);
            }
        }
        EmbeddedDatabase database = properties.embedded() ? EmbeddedDatabase.start(properties.dataDir(), properties.walArchivePath())
                : null;
        if (database != null) {
            // with its database gone a run can record nothing, and each connection would wait half a minute in vain, again
            // and again: the process ends at once, saying what to do; the rerun recovers the database from its log
            database.whenItEndsUnexpectedly(() -> {
                System.err.println("ofuku: the embedded PostgreSQL in " + database.dataDir() + " ended unexpectedly: nothing more"
                        + " can be recorded, so ofuku stops now; run the command again (or scripts/ofuku restart RUN): the"
                        + " database recovers from its log and the run carries on where it was");
                System.err.flush();
                Runtime.getRuntime().halt(70);
            });
        }
        return new EmbeddedDatabaseHolder(database);
    }

    /** The moment {@code restore --until} asked for, in ofuku's zone; empty: the end of the archive. */
    private static Optional<OffsetDateTime> recoverUntil(DatabaseProperties properties, ZoneId zone) {
        String until = properties.recoverUntil();
        return until == null || until.isBlank() ? Optional.empty()
                : Optional.of(LocalDateTime.parse(until).atZone(zone).toOffsetDateTime());
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseProperties properties, EmbeddedDatabaseHolder embedded, @Value("${ofuku.zone}") String zone) {
        HikariDataSource ds = new HikariDataSource();
        if (embedded.database() != null) {
            ds.setJdbcUrl(embedded.database().jdbcUrl());
            ds.setUsername("postgres");
        } else {
            ds.setJdbcUrl(properties.url());
            ds.setUsername(properties.user());
            ds.setPassword(properties.password());
        }
        ds.setMaximumPoolSize(properties.poolSize());
        // one INSERT of many rows instead of one per row: offers are written 12,000 at a time
        ds.addDataSourceProperty("reWriteBatchedInserts", "true");
        ds.setPoolName("ofuku");
        // timestamptz shown and cut into days in ofuku's zone, not the JVM's (which the driver would send)
        ds.setConnectionInitSql("SET TIME ZONE '" + ZoneId.of(zone).getId() + "'");
        return ds;
    }

    /** Wraps the optional embedded database so its life follows the Spring context. */
    public record EmbeddedDatabaseHolder(EmbeddedDatabase database) implements AutoCloseable {
        public boolean exclusive() {
            return database != null;
        }

        @Override
        public void close() {
            if (database != null) {
                database.close();
            }
        }
    }
}
