package jp.ofuku.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;

import jp.ofuku.database.EmbeddedDatabase;
import jp.ofuku.registry.SyntheticRegistry;

/** A generated town, imported and invited by ofuku processes, whose residents have all replied: the start of the booking tests. */
public final class RepliedTown {

    private RepliedTown() {
    }

    /**
     * Imports a town of {@code residents} into the database in {@code data}, invites everyone
     * in wave "w", and records an accepted reply for each, marking one to three options (as the
     * read job records them).
     */
    public static void create(Path files, Path data, long seed, int residents) throws Exception {
        SyntheticRegistry town = new SyntheticRegistry(seed, LocalDate.now());
        town.writeDistricts(files.resolve("districts.csv"));
        town.writeSites(files.resolve("sites.csv"));
        town.writeSessions(files.resolve("sessions.csv"), LocalDate.now().plusDays(14), 10);
        town.writeResidents(files.resolve("residents.csv"), residents, StandardCharsets.UTF_8);
        OfukuProcess p = OfukuProcess.run(data, "import", "all", files.toString());
        assertThat(p.exitCode()).as(p.stderr()).isZero();
        OfukuProcess invite = OfukuProcess.run(data, "invite", "--wave", "w", "--cohort", "all", "--out", data.resolve("invite").toString());
        assertThat(invite.exitCode()).as(invite.stderr()).isZero();
        update(data, """
                INSERT INTO replies (form_code, status, marked_options, extra, source_sha256, source_page, confidence)
                SELECT form_code, 'accepted', ARRAY(SELECT DISTINCT 1 + (abs(hashtext(form_code || m)) % 12)
                                                    FROM generate_series(1, 1 + abs(hashtext(form_code)) % 3) m),
                       '{}', 'sha-' || form_code, 1, 1 FROM invitations""");
    }

    /** A statement on the database while no ofuku process runs. */
    public static void update(Path data, String sql) throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data.resolve("pg"));
                Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", ""); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    /** A count from the database while no ofuku process runs. */
    public static long count(Path data, String sql) throws Exception {
        return Long.parseLong(text(data, sql));
    }

    /** The first value of a query on the database while no ofuku process runs. */
    public static String text(Path data, String sql) throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data.resolve("pg"));
                Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
