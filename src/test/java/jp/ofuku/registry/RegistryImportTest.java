package jp.ofuku.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import jp.ofuku.registry.RegistryImport.ImportReport;
import jp.ofuku.support.DatabaseTest;

class RegistryImportTest extends DatabaseTest {

    static final String HEADER = "resident_id,name,name_kana,name_latin,birth_date,postal_code,address,district,language,needs,status,status_date";

    @Autowired
    RegistryImport registry;

    @TempDir
    Path dir;

    @BeforeEach
    void districtsAndSites() throws Exception {
        Files.writeString(dir.resolve("districts.csv"), "district,name,lat,lon\nD01,緑町,35.64,140.12\nD02,本町,35.65,140.14\n");
        assertThat(registry.run("districts", dir.resolve("districts.csv"), "auto", false).loaded()).isTrue();
        Files.writeString(dir.resolve("sites.csv"), "site_code,name,address,postal_code,lat,lon\n"
                + "S01,往復市民会館,往復市中央1丁目1-1,299-0112,35.64,140.11\n");
        assertThat(registry.run("sites", dir.resolve("sites.csv"), "auto", false).loaded()).isTrue();
    }

    private ImportReport residents(String body, boolean skip) throws Exception {
        return residents(body, skip, StandardCharsets.UTF_8, "auto");
    }

    private ImportReport residents(String body, boolean skip, Charset charset, String encoding) throws Exception {
        Path file = dir.resolve("residents.csv");
        Files.write(file, (HEADER + "\n" + body).getBytes(charset));
        return registry.run("residents", file, encoding, skip);
    }

    private String name(String id) {
        return jdbc.queryForObject("SELECT name FROM residents WHERE resident_id = ?", String.class, id);
    }

    @Test
    void storesNamesAndAddressesExactlyAsGivenWhateverTheirCharacters() throws Exception {
        String tenParts = "DOS SANTOS FERREIRA DE OLIVEIRA, MARIA APARECIDA CONCEICAO ROSA LIMA";
        ImportReport report = residents("""
                R1,𠮷田　太郎,ヨシダ　タロウ,,1941-04-03,299-0101,往復市緑町3丁目30-8,D01,ja,,active,
                R2,髙橋　一郎,タカハシ,,1938-12-24,2990102,往復市本町1丁目2-3,D02,ja,large_print,active,
                R3,山﨑　花子,ヤマサキ,,1950-07-07,299-0101,往復市緑町4丁目1-1,D01,ja,,active,
                R4,葛\uDB40\uDD00城　明,カツラギ,,1947-02-11,299-0101,往復市緑町2丁目5-12,D01,ja,,active,
                R5,"%s",ドス サントス,"%s",1958-09-30,299-0101,往復市港町2丁目5－12 シーサイド～港～201号室,D01,pt,interpreter;wheelchair,active,
                """.formatted(tenParts, tenParts), false);
        assertThat(report.loaded()).as(report.outcome()).isTrue();
        assertThat(report.inserted()).isEqualTo(5);
        assertThat(name("R1")).isEqualTo("𠮷田　太郎").hasSize(6); // 𠮷 is a surrogate pair
        assertThat(name("R2")).isEqualTo("髙橋　一郎");
        assertThat(name("R3")).isEqualTo("山﨑　花子");
        assertThat(name("R4")).isEqualTo("葛\uDB40\uDD00城　明");
        assertThat(name("R5")).isEqualTo(tenParts);
        assertThat(jdbc.queryForObject("SELECT address FROM residents WHERE resident_id = 'R5'", String.class))
                .isEqualTo("往復市港町2丁目5－12 シーサイド～港～201号室");
        assertThat(jdbc.queryForObject("SELECT postal_code FROM residents WHERE resident_id = 'R2'", String.class))
                .isEqualTo("299-0102");
        assertThat(jdbc.queryForObject("SELECT array_to_string(needs, ';') FROM residents WHERE resident_id = 'R5'",
                String.class)).isEqualTo("interpreter;wheelchair");
    }

    @Test
    void aWindows31jExportLoadsTheSameCharactersAsItsUtf8Twin() throws Exception {
        String row = "R7,斎藤　節子,サイトウ　セツコ,,1936-05-05,299-0101,往復市港町2丁目5－12 シーサイド～港～201号室,D01,ja,,active,\n";
        assertThat(residents(row, false, StandardCharsets.UTF_8, "auto").inserted()).isEqualTo(1);
        ImportReport again = residents(row, false, FileEncoding.WINDOWS_31J, "auto");
        assertThat(again.encoding()).isEqualTo("windows-31j");
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(again.updated()).isZero();
        assertThat(count("resident_changes")).isZero();
    }

    @Test
    void bytesThatAreNotTheNamedEncodingRefuseTheFileNamingLineAndColumn() throws Exception {
        String rows = "R1,佐藤　一郎,サトウ,,1950-01-01,299-0101,往復市緑町1丁目1-1,D01,ja,,active,\n"
                + "R2,高橋　次郎,タカハシ,,1950-01-01,299-0101,往復市緑町1丁目1-1,D01,ja,,active,\n";
        ImportReport report = residents(rows, true, FileEncoding.WINDOWS_31J, "UTF-8");
        assertThat(report.loaded()).isFalse();
        assertThat(report.outcome()).startsWith("line 2, column 4: bytes 0x8D").contains("not valid UTF-8");
        assertThat(count("residents")).isZero();
    }

    @Test
    void theSameFileTwiceChangesNothing() throws Exception {
        String rows = "R1,佐藤　一郎,サトウ,,1950-01-01,299-0101,往復市緑町1丁目1-1,D01,ja,,active,\n"
                + "R2,鈴木　花子,スズキ,,1960-02-02,299-0102,往復市本町1丁目1-1,D02,en,,active,\n";
        ImportReport first = residents(rows, false);
        String updatedAt = jdbc.queryForObject("SELECT max(updated_at)::text FROM residents", String.class);
        ImportReport second = residents(rows, false);
        assertThat(first.inserted()).isEqualTo(2);
        assertThat(second.inserted()).isZero();
        assertThat(second.updated()).isZero();
        assertThat(second.unchanged()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT max(updated_at)::text FROM residents", String.class)).isEqualTo(updatedAt);
        assertThat(count("residents")).isEqualTo(2);
        assertThat(count("resident_changes")).isZero();
    }

    @Test
    void aMoveOutAndADeathUpdateTheResidentAndAreRecordedWithTheirDates() throws Exception {
        residents("R1,佐藤　一郎,サトウ,,1950-01-01,299-0101,往復市緑町1丁目1-1,D01,ja,,active,\n"
                + "R2,鈴木　花子,スズキ,,1940-02-02,299-0102,往復市本町1丁目1-1,D02,ja,,active,\n"
                + "R3,田中　健太,タナカ,,1980-03-03,299-0102,往復市本町2丁目1-1,D02,ja,,active,\n", false);
        ImportReport report = residents("R1,佐藤　一郎,サトウ,,1950-01-01,299-0101,往復市緑町1丁目1-1,D01,ja,,moved_out,2026-10-31\n"
                + "R2,鈴木　花子,スズキ,,1940-02-02,299-0102,往復市本町1丁目1-1,D02,ja,,deceased,2026-11-02\n"
                + "R3,田中　健太,タナカ,,1980-03-03,299-0102,往復市本町2丁目1-1,D02,ja,,active,\n", false);
        assertThat(report.updated()).isEqualTo(2);
        assertThat(report.unchanged()).isEqualTo(1);
        assertThat(report.statusChanges()).isEqualTo("1 deceased, 1 moved out");
        assertThat(jdbc.queryForObject("SELECT status FROM residents WHERE resident_id = 'R1'", String.class))
                .isEqualTo("moved_out");
        List<Map<String, Object>> changes = jdbc.queryForList("""
                SELECT resident_id, array_to_string(changed_fields, ',') AS fields, old_status, new_status,
                       status_date::text AS status_date
                FROM resident_changes ORDER BY resident_id""");
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0)).containsEntry("resident_id", "R1").containsEntry("fields", "status,status_date")
                .containsEntry("old_status", "active").containsEntry("new_status", "moved_out")
                .containsEntry("status_date", "2026-10-31");
        assertThat(changes.get(1)).containsEntry("resident_id", "R2").containsEntry("new_status", "deceased")
                .containsEntry("status_date", "2026-11-02");
    }

    @Test
    void everyKindOfBadRowRefusesTheWholeFileAndListsEachWithLineAndColumn() throws Exception {
        ImportReport report = residents("""
                R1,佐藤　一郎,サトウ,,1950-01-01,299-0101,往復市緑町1丁目1-1,D01,ja,,active,
                R2,鈴木　花子,スズキ,,1950-02-30,299-0101,往復市緑町1丁目1-1,D01,ja,,active,
                R3,田中　健太,タナカ,,1950-01-01,299-0101,往復市緑町1丁目1-1,D99,ja,,active,
                R1,佐藤　一郎,サトウ,,1950-01-01,299-0101,往復市緑町1丁目1-1,D01,ja,,active,
                R5,,ヤマダ,,1950-01-01,2990,往復市緑町1丁目1-1,D01,ja,extra_help,alive,
                R6,伊藤　博,イトウ,,1950-01-01,299-0101,往復市緑町1丁目1-1,D01,ja,,deceased,
                R7,伊藤　清,イトウ,,1950-01-01,299-0101,往復市緑町1丁目1-1,D01
                R8,伊藤　茂,イトウ,,1950-01-01,299-0101,往復市緑町1丁目1-1,D01,ja,,active,
                """, false);
        assertThat(report.loaded()).isFalse();
        assertThat(report.outcome()).startsWith("7 of 8 rows have problems, so nothing was loaded");
        assertThat(count("residents")).isZero();
        assertThat(report.problemSample()).contains(
                "line 2, resident_id: resident_id R1 appears on more than one line (2, 5)",
                "line 3, birth_date: '1950-02-30' is not a date as YYYY-MM-DD",
                "line 4, district: district D99 is not in the registry",
                "line 5, resident_id: resident_id R1 appears on more than one line (2, 5)",
                "line 6, name: is empty",
                "line 6, postal_code: '2990' is not a postal code NNN-NNNN",
                "line 6, needs: 'extra_help' is not one of large_print, wheelchair, interpreter",
                "line 6, status: 'alive' is not active, moved_out or deceased",
                "line 7, status_date: is empty (expected a date as YYYY-MM-DD)",
                "line 8: has 8 fields; the header has 12");
        Path rejects = dir.resolve("residents.rejects.csv");
        assertThat(report.rejectFile()).contains(rejects.toString());
        List<CSVRecord> rejected = CSVFormat.RFC4180.parse(Files.newBufferedReader(rejects)).getRecords();
        assertThat(rejected.get(0).get(0)).isEqualTo("\uFEFFline");
        assertThat(rejected).hasSize(8);
        assertThat(rejected.get(2).get(0)).isEqualTo("3");
        assertThat(rejected.get(2).get(2)).isEqualTo("R2"); // the original row follows the reasons
        assertThat(staged()).isZero();
    }

    @Test
    void skipBadRowsLoadsTheGoodOnesAndWritesTheBadOnesWithReasonsBesideTheFile() throws Exception {
        ImportReport report = residents("""
                R1,佐藤　一郎,サトウ,,1950-01-01,299-0101,往復市緑町1丁目1-1,D01,ja,,active,
                R2,鈴木　花子,スズキ,,1950-13-01,299-0101,往復市緑町1丁目1-1,D01,ja,,active,
                R3,田中　健太,タナカ,,1950-01-01,299-0101,往復市緑町1丁目1-1,D77,ja,,active,
                R4,山田　太郎,ヤマダ,,1950-01-01,299-0101,往復市緑町1丁目1-1,D02,ja,,active,
                """, true);
        assertThat(report.loaded()).as(report.outcome()).isTrue();
        assertThat(report.inserted()).isEqualTo(2);
        assertThat(report.problemRows()).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT resident_id FROM residents ORDER BY 1", String.class)).containsExactly("R1", "R4");
        List<CSVRecord> rejected = CSVFormat.RFC4180.parse(Files.newBufferedReader(dir.resolve("residents.rejects.csv")))
                .getRecords();
        assertThat(rejected).hasSize(3);
        assertThat(rejected.get(1).get(0)).isEqualTo("3");
        assertThat(rejected.get(1).get(1)).isEqualTo("birth_date: '1950-13-01' is not a date as YYYY-MM-DD");
        assertThat(rejected.get(1).get(3)).isEqualTo("鈴木　花子");
        assertThat(rejected.get(2).get(1)).contains("district D77 is not in the registry");
        assertThat(staged()).isZero();
    }

    @Test
    void aMissingColumnRefusesTheFileNamingIt() throws Exception {
        Path file = dir.resolve("short.csv");
        Files.writeString(file, "resident_id,name,birth_date\nR1,佐藤,1950-01-01\n");
        ImportReport report = registry.run("residents", file, "auto", true);
        assertThat(report.loaded()).isFalse();
        assertThat(report.outcome()).startsWith("line 1: missing columns name_kana, postal_code, address, district, "
                + "language, needs, status, status_date");
    }

    @Test
    void anUnsupportedLanguageIsKeptAndCountedAsAWarning() throws Exception {
        ImportReport report = residents("R1,DUPONT CLAIRE,デュポン,DUPONT CLAIRE,1975-10-01,299-0101,往復市緑町1丁目1-1,D01,fr,,active,\n"
                + "R2,WANG WEI,ワン,WANG WEI,1975-10-01,299-0101,往復市緑町1丁目1-1,D01,ZH-HANS,,active,\n", false);
        assertThat(report.loaded()).isTrue();
        assertThat(report.warnings()).isEqualTo(1);
        assertThat(report.warningSample()).isEqualTo("line 2, language: 'fr' is not a supported language; letters fall back to Japanese");
        assertThat(jdbc.queryForList("SELECT language FROM residents ORDER BY resident_id", String.class))
                .containsExactly("fr", "zh-Hans");
    }

    @Test
    void aRejectedRowThatASpreadsheetWouldRunIsWrittenAsPlainText() throws Exception {
        ImportReport report = residents("""
                R1,佐藤　一郎,サトウ,,1950-01-01,299-0101,往復市緑町1丁目1-1,D01,ja,,active,
                R2,"=HYPERLINK(""http://x.example/"",""click"")",スズキ,,1950-13-01,299-0101,@SUM(1+1),D01,ja,,active,
                """, true);
        assertThat(report.problemRows()).isEqualTo(1);
        List<CSVRecord> rejected = CSVFormat.RFC4180.parse(Files.newBufferedReader(dir.resolve("residents.rejects.csv")))
                .getRecords();
        assertThat(rejected.get(1).get(3)).isEqualTo("'=HYPERLINK(\"http://x.example/\",\"click\")");
        assertThat(rejected.get(1).get(8)).isEqualTo("'@SUM(1+1)");
        assertThat(rejected.get(1).get(6)).as("a date stays as it is").isEqualTo("1950-13-01");
    }

    @Test
    void aColumnHoldingMyNumbersRefusesTheFileAndNothingOfItIsStored() throws Exception {
        Path file = dir.resolve("with-my-number.csv");
        Files.writeString(file, HEADER + ",kojin\n"
                + "R1,佐藤　一郎,サトウ,,1950-01-01,299-0101,往復市緑町1丁目1-1,D01,ja,,active,,123456789018\n"
                + "R2,鈴木　花子,スズキ,,1950-13-01,299-0101,往復市緑町1丁目1-1,D01,ja,,active,,000000000000\n");
        ImportReport report = registry.run("residents", file, "auto", true);
        assertThat(report.loaded()).isFalse();
        assertThat(report.outcome()).contains("column 13 (kojin) holds twelve-digit numbers with a valid My Number check digit")
                .contains("nothing was loaded");
        assertThat(count("residents")).isZero();
        assertThat(staged()).isZero();
        assertThat(count("import_problems")).isZero();
        assertThat(Files.exists(dir.resolve("with-my-number.rejects.csv"))).isFalse();
        String everything = jdbc.queryForObject("""
                SELECT coalesce(string_agg(short_context || coalesce(serialized_context, ''), ''), '')
                FROM (SELECT short_context, serialized_context FROM batch_job_execution_context
                      UNION ALL SELECT short_context, serialized_context FROM batch_step_execution_context) c""", String.class);
        assertThat(everything).doesNotContain("123456789018");
    }

    @Test
    void myNumbersWrittenWithHyphensOrInFullWidthRefuseTheFileToo() throws Exception {
        Path file = dir.resolve("with-written-my-number.csv");
        Files.writeString(file, HEADER + ",bango\n"
                + "R1,佐藤　一郎,サトウ,,1950-01-01,299-0101,往復市緑町1丁目1-1,D01,ja,,active,,1234-5678-9018\n"
                + "R2,鈴木　花子,スズキ,,1950-01-01,299-0101,往復市緑町1丁目1-1,D01,ja,,active,," + "０".repeat(12) + "\n");
        ImportReport report = registry.run("residents", file, "auto", true);
        assertThat(report.loaded()).isFalse();
        assertThat(report.outcome()).contains("column 13 (bango) holds twelve-digit numbers with a valid My Number check digit");
        assertThat(count("residents")).isZero();
        assertThat(staged()).isZero();
    }

    @Test
    void sessionsAreCheckedForCapacityTimesAndKnownSites() throws Exception {
        Path file = dir.resolve("sessions.csv");
        Files.writeString(file, """
                site_code,start,end,capacity,vaccine,dose
                S01,2027-01-11T09:30,2027-01-11T12:00,60,covid-19,1
                S01,2027-01-11T13:30,2027-01-11T13:00,60,covid-19,1
                S01,2027-01-12T09:30,2027-01-12T12:00,0,covid-19,1
                S09,2027-01-12T09:30,2027-01-12T12:00,10,covid-19,1
                S01,2027-01-11T09:30,2027-01-11T11:00,30,covid-19,1
                S01,2027-01-13 09:30,2027-01-13T12:00,-5,covid-19,1
                """);
        ImportReport report = registry.run("sessions", file, "auto", false);
        assertThat(report.loaded()).isFalse();
        assertThat(report.problemRows()).isEqualTo(6 - 0);
        assertThat(report.problemSample()).contains(
                "line 2, site_code+start: site_code+start S01 2027-01-11 09:30:00 appears on more than one line (2, 6)",
                "line 3, end: the session ends (2027-01-11T13:00) before or when it starts (2027-01-11T13:30)",
                "line 4, capacity: must be greater than 0, is 0",
                "line 5, site_code: site S09 is not in the registry",
                "line 7, start: '2027-01-13 09:30' is not a local time as YYYY-MM-DDTHH:MM",
                "line 7, capacity: must be greater than 0, is -5");
        assertThat(count("sessions")).isZero();

        ImportReport skipped = registry.run("sessions", file, "auto", true);
        assertThat(skipped.loaded()).isTrue();
        assertThat(count("sessions")).isZero();
    }

    @Test
    void theSampleMunicipalityLoadsInBothEncodingsWithoutAChange() throws Exception {
        Path samples = dir.resolve("samples");
        SampleRegistry.write(samples);
        for (String kind : List.of("districts", "sites", "sessions")) {
            ImportReport r = registry.run(kind, samples.resolve(kind + ".csv"), "auto", false);
            assertThat(r.loaded()).as(r.outcome()).isTrue();
        }
        ImportReport utf8 = registry.run("residents", samples.resolve("residents.csv"), "auto", false);
        ImportReport cp932 = registry.run("residents", samples.resolve("residents-windows-31j.csv"), "auto", false);
        assertThat(utf8.rows()).isGreaterThanOrEqualTo(500);
        assertThat(utf8.inserted()).isEqualTo(utf8.rows());
        assertThat(cp932.encoding()).isEqualTo("windows-31j");
        // windows-31j has no 𠮷, no variation sequence, no Hangul, no 刘 or ễ: those residents are in the UTF-8 file only
        var encoder = FileEncoding.WINDOWS_31J.newEncoder();
        long encodable;
        try (var lines = java.nio.file.Files.lines(samples.resolve("residents.csv"))) {
            encodable = lines.skip(1).filter(encoder::canEncode).count();
        }
        assertThat(cp932.rows()).isEqualTo(encodable).isLessThan(utf8.rows());
        assertThat(cp932.unchanged()).isEqualTo(cp932.rows());
        assertThat(count("districts")).isGreaterThanOrEqualTo(20);
        assertThat(count("sites")).isGreaterThanOrEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT max(starts_at)::date - min(starts_at)::date FROM sessions", Integer.class))
                .isGreaterThanOrEqualTo(8 * 7 - 1);
        assertThat(jdbc.queryForList("SELECT DISTINCT language FROM residents", String.class))
                .contains("ja", "ja-easy", "en", "zh-Hans", "ko", "vi", "pt", "tl", "fr");
        assertThat(jdbc.queryForList("SELECT DISTINCT status FROM residents", String.class))
                .contains("active", "moved_out", "deceased");
    }

    private long staged() {
        return count("staging_residents") + count("staging_sessions") + count("import_problems");
    }
}
