package jp.ofuku.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import jp.ofuku.registry.RegistryImport;
import jp.ofuku.registry.SyntheticRegistry;

/**
 * A small town for the booking tests: the synthetic town's districts, sites and eight weeks of
 * sessions from three days on, and a handful of residents in district D01, written as the
 * registry's CSV files and imported.
 */
public final class SmallTown {

    private SmallTown() {
    }

    /**
     * Writes and imports the town with residents PREFIX1… named by the format {@code name} with
     * their number ("住民　%d"), one per status given (a death or a move dated yesterday).
     */
    public static void load(RegistryImport registry, Path dir, String prefix, String name, String kana, String... statuses)
            throws Exception {
        SyntheticRegistry town = new SyntheticRegistry(5, LocalDate.now());
        town.writeDistricts(dir.resolve("districts.csv"));
        town.writeSites(dir.resolve("sites.csv"));
        town.writeSessions(dir.resolve("sessions.csv"), LocalDate.now().plusDays(3), 8);
        writeResidents(dir, prefix, name, kana, statuses);
        for (String kind : List.of("districts", "sites", "sessions", "residents")) {
            assertThat(registry.run(kind, dir.resolve(kind + ".csv"), "auto", false).loaded()).isTrue();
        }
    }

    /** Writes residents.csv as {@link #load} does, for a later import of changed statuses. */
    public static void writeResidents(Path dir, String prefix, String name, String kana, String... statuses) throws Exception {
        StringBuilder csv = new StringBuilder(String.join(",", SyntheticRegistry.RESIDENT_HEADER) + "\n");
        for (int i = 1; i <= statuses.length; i++) {
            csv.append(prefix).append(i).append(',').append(String.format(name, i)).append(',').append(kana).append(",,19").append(40 + i)
                    .append("-01-01,299-0101,往復市緑町1丁目").append(i).append(",D01,ja,,").append(statuses[i - 1]).append(',')
                    .append(statuses[i - 1].equals("active") ? "" : LocalDate.now().minusDays(1).toString()).append('\n');
        }
        Files.writeString(dir.resolve("residents.csv"), csv);
    }
}
