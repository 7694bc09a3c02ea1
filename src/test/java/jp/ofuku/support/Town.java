package jp.ofuku.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import jp.ofuku.booking.Allocation;
import jp.ofuku.invite.Invitations;
import jp.ofuku.registry.RegistryImport;
import jp.ofuku.registry.SyntheticRegistry;

/**
 * The one way tests build a town, each step optional and in order: the registry (the synthetic
 * town's districts and sites, eight weeks of sessions from three days after the context clock's today, residents PREFIX1…
 * in district D01, one per status), their invitations in wave {@value #WAVE}, replies marking
 * options, and the allocation that books them. Every step goes through the product's own
 * import, invite and allocate, and checks it did what the test relies on.
 */
public final class Town {

    /** The wave every town invites in. */
    public static final String WAVE = "w";

    private final ApplicationContext beans;
    private final Path dir;
    private final JdbcTemplate jdbc;
    private String prefix;
    private String name;
    private String kana;
    private String[] statuses = {};
    private int replies;
    private int seed = 5;
    private String wave = WAVE;

    Town(ApplicationContext beans, Path dir) {
        this.beans = beans;
        this.dir = dir;
        this.jdbc = beans.getBean(JdbcTemplate.class);
    }

    /**
     * Writes and imports the registry with one resident per status given (a death or a move dated
     * yesterday), named by the format {@code name} with their number ("住民　%d"), all with {@code kana}.
     */
    public Town residents(String prefix, String name, String kana, String... statuses) throws Exception {
        this.prefix = prefix;
        this.name = name;
        this.kana = kana;
        this.statuses = statuses;
        return load(() -> writeResidents(statuses));
    }

    /** The synthetic town's seed (its districts, sites and sessions; 5 unless said). */
    public Town seed(int seed) {
        this.seed = seed;
        return this;
    }

    /** The registry with these residents, as rows of residents.csv (its header is the synthetic registry's). */
    public Town residentRows(String... rows) throws Exception {
        return load(() -> Files.writeString(dir.resolve("residents.csv"), String.join(",", SyntheticRegistry.RESIDENT_HEADER) + "\n"
                + String.join("\n", rows) + "\n"));
    }

    /** The registry with {@code n} residents of the synthetic town (names of every kind, several languages). */
    public Town synthetic(int n) throws Exception {
        return load(() -> new SyntheticRegistry(seed, today()).writeResidents(dir.resolve("residents.csv"), n,
                java.nio.charset.StandardCharsets.UTF_8));
    }

    private interface Residents {
        void write() throws Exception;
    }

    private Town load(Residents residents) throws Exception {
        Files.createDirectories(dir);
        SyntheticRegistry town = new SyntheticRegistry(seed, today());
        town.writeDistricts(dir.resolve("districts.csv"));
        town.writeSites(dir.resolve("sites.csv"));
        town.writeSessions(dir.resolve("sessions.csv"), today().plusDays(3), 8);
        residents.write();
        for (String kind : List.of("districts", "sites", "sessions", "residents")) {
            assertThat(registry().run(kind, dir.resolve(kind + ".csv"), "auto", false).loaded()).as("import " + kind).isTrue();
        }
        return this;
    }

    /** {@code n} active residents. */
    public Town active(String prefix, String name, String kana, int n) throws Exception {
        String[] active = new String[n];
        Arrays.fill(active, "active");
        return residents(prefix, name, kana, active);
    }

    /** The registry says so now: the same residents (and any added) with these statuses, imported again. */
    public Town registryNow(String... statuses) throws Exception {
        this.statuses = statuses;
        writeResidents(statuses);
        assertThat(registry().run("residents", dir.resolve("residents.csv"), "auto", false).loaded()).as("import residents").isTrue();
        return this;
    }

    private void writeResidents(String... statuses) throws Exception {
        StringBuilder csv = new StringBuilder(String.join(",", SyntheticRegistry.RESIDENT_HEADER) + "\n");
        for (int i = 1; i <= statuses.length; i++) {
            csv.append(prefix).append(i).append(',').append(String.format(name, i)).append(',').append(kana).append(",,").append(1940 + i % 40)
                    .append("-01-01,299-0101,往復市緑町1丁目").append(i).append(",D01,ja,,").append(statuses[i - 1]).append(',')
                    .append(statuses[i - 1].equals("active") ? "" : today().minusDays(1).toString()).append('\n');
        }
        Files.writeString(dir.resolve("residents.csv"), csv);
    }

    /** Every active resident invited in wave {@value #WAVE}, their letters printed into DIR/print. */
    public Town invited() throws Exception {
        return invited(WAVE);
    }

    /** Every active resident invited in {@code wave} (which later steps use), their letters printed into DIR/print. */
    public Town invited(String wave) throws Exception {
        this.wave = wave;
        long active = jdbc.queryForObject("""
                SELECT count(*) FROM residents r WHERE r.status = 'active'
                AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.wave = ? AND i.resident_id = r.resident_id)""", Long.class, wave);
        Invitations invitations = beans.getBean(Invitations.class);
        assertThat(invitations.run(invitations.cohort(wave, "all"), dir.resolve("print")).printed()).as("letters printed").isEqualTo(active);
        return this;
    }

    /** An accepted reply marking {@code options} ("{1,2,3}") from each resident named, or from every one invited. */
    public Town replied(String options, String... residents) {
        List<String> who = residents.length > 0 ? List.of(residents)
                : jdbc.queryForList("SELECT resident_id FROM invitations WHERE wave = ? ORDER BY resident_id", String.class, wave);
        for (String resident : who) {
            jdbc.update("""
                    INSERT INTO replies (form_code, status, marked_options, extra, source_sha256, source_page, confidence)
                    SELECT form_code, 'accepted', ?::integer[], '{}', 'sha-' || form_code || '-' || ?, 1, 1 FROM invitations
                    WHERE resident_id = ? AND wave = ? ORDER BY round DESC LIMIT 1""", options, System.nanoTime(), resident, wave);
        }
        replies += who.size();
        return this;
    }

    /** The allocation run, every reply so far booked. */
    public Town booked() throws Exception {
        assertThat(beans.getBean(Allocation.class).run().counts()).as("replies booked").containsEntry("booked", (long) replies);
        return this;
    }

    /** The form code of the resident's letter in the wave (the latest). */
    public String form(String resident) {
        return jdbc.queryForObject("SELECT form_code FROM invitations WHERE resident_id = ? AND wave = ? ORDER BY round DESC LIMIT 1",
                String.class, resident, wave);
    }

    /** The folder the town's files and letters are in. */
    public Path dir() {
        return dir;
    }

    private LocalDate today() {
        return LocalDate.now(beans.getBean(java.time.Clock.class));
    }

    private RegistryImport registry() {
        return beans.getBean(RegistryImport.class);
    }
}
