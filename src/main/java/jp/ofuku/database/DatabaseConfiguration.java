package jp.ofuku.database;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariDataSource;

/** The one DataSource: a configured PostgreSQL server, or the embedded one. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
public class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabaseHolder embeddedDatabase(DatabaseProperties properties) {
        return new EmbeddedDatabaseHolder(properties.embedded() ? EmbeddedDatabase.start(properties.dataDir()) : null);
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
        ds.setConnectionInitSql("SET TIME ZONE '" + java.time.ZoneId.of(zone).getId() + "'");
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
