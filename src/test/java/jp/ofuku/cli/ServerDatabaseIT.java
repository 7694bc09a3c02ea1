package jp.ofuku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jp.ofuku.registry.SyntheticRegistry;
import jp.ofuku.support.OfukuProcess;

/** ofuku pointed at a PostgreSQL server with OFUKU_DB_URL: commands run side by side. */
class ServerDatabaseIT {

    @TempDir
    static Path files;

    static EmbeddedPostgres server;
    static Map<String, String> env;

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedPostgres.builder().setDataDirectory(files.resolve("server")).setCleanDataDirectory(true).start();
        try (var c = server.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE ofuku");
            s.execute("CREATE USER ofuku_app PASSWORD 'not-a-real-secret'");
            s.execute("ALTER DATABASE ofuku OWNER TO ofuku_app");
        }
        env = Map.of("OFUKU_DB_URL", "jdbc:postgresql://localhost:" + server.getPort() + "/ofuku",
                "OFUKU_DB_USER", "ofuku_app", "OFUKU_DB_PASSWORD", "not-a-real-secret");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void importsIntoTheServerAndLetsACommandRunBesideAnother(@TempDir Path data) throws Exception {
        SyntheticRegistry registry = new SyntheticRegistry(11, LocalDate.now());
        Path districts = files.resolve("districts.csv");
        Path residents = files.resolve("residents.csv");
        registry.writeDistricts(districts);
        registry.writeResidents(residents, 100_000, StandardCharsets.UTF_8);

        OfukuProcess first = OfukuProcess.start(data, env, "import", "districts", districts.toString());
        assertThat(first.waitFor()).as(first.stderr()).isZero();

        OfukuProcess importing = OfukuProcess.start(data, env, "import", "residents", residents.toString());
        OfukuProcess status = OfukuProcess.start(data, env, "status", "--json");
        assertThat(status.waitFor()).as(status.stderr()).isZero();
        assertThat(status.stdout()).contains("\"districts\" : 24");
        assertThat(importing.waitFor()).as(importing.stderr()).isZero();
        assertThat(importing.stdout()).contains("100,000 rows read: 100,000 new");
        assertThat(Files.exists(data.resolve("pg"))).as("no embedded database was started").isFalse();
    }
}
