package jp.ofuku.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import jp.ofuku.OfukuApplication;

/**
 * A test against the real, embedded PostgreSQL (its own data folder under target/), with
 * every registry table emptied before each test. The context is the console's too (a mock
 * servlet environment: no port is opened).
 */
@SpringBootTest(classes = OfukuApplication.class, properties = {
        "ofuku.db.url=",
        // its own data folder for the run on a UTC host (pom.xml), whose PostgreSQL is made in that zone
        "ofuku.db.data-dir=${ofuku.test.pg:target/test-pg}",
        // archived as in production, beside it under target/ (not into data/ of the working copy)
        "ofuku.db.wal-archive=${ofuku.test.pg:target/test-pg}-wal",
        "logging.file.name=target/test-logs/ofuku.log",
        "ofuku.letters.form-key=a key for tests only, never for letters",
        "ofuku.read.archive=target/test-archive",
        "ofuku.read.quarantine=target/test-quarantine",
        "ofuku.reports.dir=target/test-reports",
        // the console's controllers and security in a mock servlet context, for the tests of its pages
        "spring.main.web-application-type=servlet"})
@Import(TestClock.Config.class)
public abstract class DatabaseTest {

    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    private org.springframework.context.ApplicationContext beans;
    /** The context's clock: at {@link TestClock#DAY} when each test starts. */
    @Autowired
    protected TestClock clock;

    /** A town to build for this test, its files in {@code dir}: see {@link Town}. */
    protected Town town(java.nio.file.Path dir) {
        return new Town(beans, dir);
    }

    /** Before each test, and between the rounds of a test that builds its town again. */
    @BeforeEach
    protected void emptyTheRegistry() {
        clock.reset();
        jdbc.execute("""
                TRUNCATE audit_log, console_users, attendance, booking_changes, cancelled_bookings, confirmations, confirm_print_files, allocations, declines, bookings, page_crops, returned_mail, review_items, replies, read_pages, received_files, offers, invitations, print_files, waves, resident_changes, residents, sessions, sites, districts, import_problems,
                         staging_residents, staging_districts, staging_sites, staging_sessions
                """);
    }

    protected long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
