package jp.ofuku.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import jp.ofuku.letters.LetterSetup;
import jp.ofuku.letters.PrintFile;
import jp.ofuku.letters.PrintFileCheck;
import jp.ofuku.support.DatabaseTest;
import jp.ofuku.support.PageDamage;
import jp.ofuku.support.Poppler;

class InviteTest extends DatabaseTest {

    static final String TEN_PARTS = "DOS SANTOS FERREIRA DE OLIVEIRA, MARIA APARECIDA CONCEICAO ROSA LIMA";

    @Autowired
    Invitations invitations;
    @Autowired
    InviteProperties properties;
    @Autowired
    LetterSetup letters;

    @TempDir
    Path dir;

    @BeforeEach
    void municipality() throws Exception {
        int year = clock.today().getYear();
        town(dir).seed(3).residentRows(
                "R01,𠮷\uDB40\uDD01田　太郎,ヨシダ,,1941-04-03,299-0101,往復市緑町3丁目30-8 ハイツ緑403号,D01,ja,large_print,active,",
                "R02,髙橋　一郎,タカハシ,,1938-12-24,299-0102,往復市本町1丁目2-3,D02,ja,,active,",
                "R03,\"" + TEN_PARTS + "\",ドス,,1950-09-30,299-0105,往復市旭町1丁目7-3,D05,pt,,active,",
                "R04,葛\uDB40\uDD00城　明,カツラギ,,1947-02-11,299-0104,往復市港町2丁目5-12,D04,ja,,active,",
                "R05,\uD802\uDD00 ANCIENT,エンシェント,,1945-01-01,299-0103,往復市栄町1丁目1-1,D03,en,,active,",
                "R06,小川　正男,オガワ,,1931-08-15,299-0109,往復市西原1丁目1-2,D09,ja,,deceased,2026-10-02",
                "R07,NGUYEN THI HOA,グエン,,1950-12-12,299-0110,往復市南浜3丁目9-9,D10,vi,,moved_out,2026-09-30",
                "R08,田中　陽菜,タナカ,," + (year - 3) + "-06-01,299-0107,往復市若葉1丁目3-3,D07,ja,,active,",
                "R09,DUPONT CLAIRE,デュポン,,1955-10-01,299-0112,往復市中央2丁目4-6,D12,fr,,active,");
    }

    @Test
    void thePreviewCountsLettersAndSaysWhoIsLeftOutAndWhy() throws Exception {
        CohortPreview.Preview preview = invitations.preview(invitations.cohort("w", "age 65.."));
        assertThat(preview.letters()).isEqualTo(6);
        assertThat(preview.excluded()).containsExactlyInAnyOrderEntriesOf(
                Map.of("deceased", 1L, "moved out", 1L, "outside age", 1L));
        assertThat(preview.byDistrict()).containsEntry("D01", 1L).doesNotContainKey("D09");
        assertThat(preview.byAgeBand().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(6);

        invitations.run(invitations.cohort("w", "age 65.."), dir.resolve("print"));
        CohortPreview.Preview again = invitations.preview(invitations.cohort("w", "age 65.."));
        assertThat(again.letters()).isZero();
        assertThat(again.excluded()).containsEntry("already invited", 6L);
        assertThat(invitations.alreadyDone(again)).as("the same command again, after it finished: nothing to do, not an error").isTrue();
        CohortPreview.Preview nobody = invitations.preview(invitations.cohort("w", "age 110.."));
        assertThat(invitations.alreadyDone(nobody)).isFalse();
        assertThat(invitations.refusal(nobody)).contains("selects nobody");
    }

    @Test
    void aRuleNamingAnUnknownDistrictOrAFarReferenceDateIsStopped() {
        assertThatThrownBy(() -> invitations.cohort("w", "district D1")).hasMessageContaining("district D1, not in the registry");
        CohortPreview.Preview far = invitations.preview(invitations.cohort("w", "age 65.. on 2020-04-01"));
        assertThat(invitations.refusal(far)).contains("days from today");
        assertThatThrownBy(() -> invitations.cohort("bad/wave", "all")).hasMessageContaining("wave name");
    }

    @Test
    void offersStayWithinCapacityMultiplesAreInTheFutureAndOnDifferentDays() throws Exception {
        invitations.run(invitations.cohort("w", "all"), dir.resolve("print"));
        List<Map<String, Object>> overbooked = jdbc.queryForList("""
                SELECT s.session_id, s.capacity, count(*) AS offered FROM offers o JOIN sessions s USING (session_id)
                GROUP BY s.session_id, s.capacity HAVING count(*) > floor(s.capacity * ?)""", properties.offerMultiple());
        assertThat(overbooked).isEmpty();
        LocalDateTime earliest = jdbc.queryForObject("SELECT min(s.starts_at) FROM offers o JOIN sessions s USING (session_id)",
                LocalDateTime.class);
        assertThat(earliest).isAfterOrEqualTo(clock.today().plusDays(properties.leadDays()).atStartOfDay());
        List<Map<String, Object>> perForm = jdbc.queryForList("""
                SELECT o.form_code, count(*) AS options, count(DISTINCT s.starts_at::date) AS days,
                       count(DISTINCT extract(isodow FROM s.starts_at) >= 6) AS weekday_kinds
                FROM offers o JOIN sessions s USING (session_id) GROUP BY o.form_code""");
        assertThat(perForm).hasSize(7).allSatisfy(row -> {
            assertThat(row.get("options")).isEqualTo(12L);
            assertThat(row.get("days")).isEqualTo(12L);
            assertThat(row.get("weekday_kinds")).isEqualTo(2L);
        });
    }

    @Test
    void printsEachLetterOnceInPostalOrderWithNamesWholeAndHoldsBackWhatNoFontCanDraw() throws Exception {
        Path print = dir.resolve("print");
        Invitations.Outcome first = invitations.run(invitations.cohort("w", "all"), print);
        assertThat(first.completed()).as(first.failure()).isTrue();
        assertThat(first.printed()).isEqualTo(6);
        assertThat(first.exceptions()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT exception FROM invitations WHERE resident_id = 'R05'", String.class))
                .startsWith("no font can draw U+10900");

        List<CSVRecord> manifest = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(PrintFile.manifest(print, "w-0001"))).getRecords();
        assertThat(manifest).extracting(r -> r.get("resident_id")).doesNotContain("R05", "R06", "R07").hasSize(6);
        assertThat(manifest).extracting(r -> r.get("postal_code")).isSorted();
        assertThat(manifest.get(0).get("options")).matches("1=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d@S0\\d(;\\d+=[^;]+){11}");

        String text = PrintFileCheck.squeeze(Poppler.pdftotext(PrintFile.pdf(print, "w-0001")));
        // 葛 + U+E0100 has a variant glyph (IPAex) and keeps its sequence; no font has 𠮷 + U+E0101: folded, counted
        assertThat(text).contains("𠮷田太郎", "髙橋一郎", PrintFileCheck.squeeze(TEN_PARTS), "葛\uDB40\uDD00城明");
        assertThat(Files.readString(Path.of(first.report()))).contains("held as exceptions")
                .contains("printed with the base character: 1").contains("printed in Japanese: 1")
                .contains("languages not yet reviewed by a native speaker: ja");

        List<String> codes = jdbc.queryForList("SELECT form_code FROM invitations ORDER BY form_code", String.class);
        Invitations.Outcome second = invitations.run(invitations.cohort("w", "all"), print);
        assertThat(second.planned()).isZero();
        assertThat(second.printed()).isZero();
        assertThat(jdbc.queryForList("SELECT form_code FROM invitations ORDER BY form_code", String.class)).isEqualTo(codes);
        assertThat(count("print_files")).isEqualTo(1);
    }

    @Test
    void aPieceFailingThePrintCheckIsHeldWithItsReasonAndPrintedOnceWhenReleased() throws Exception {
        Path print = dir.resolve("print");
        letters.damageAfterRender(PageDamage.swapFirstPageOf(() -> java.util.Set.copyOf(jdbc.queryForList(
                "SELECT form_code FROM invitations WHERE resident_id = 'R02'", String.class))));
        Invitations.Outcome first;
        try {
            first = invitations.run(invitations.cohort("w", "all"), print);
        } finally {
            letters.damageAfterRender(pdf -> { });
        }
        assertThat(first.completed()).as(first.failure()).isTrue();
        assertThat(first.printed()).isEqualTo(5);
        assertThat(first.exceptions()).isEqualTo(2);
        assertThat(first.incomplete()).isTrue();
        String r02 = jdbc.queryForObject("SELECT form_code FROM invitations WHERE resident_id = 'R02'", String.class);
        assertThat(jdbc.queryForObject("SELECT exception FROM invitations WHERE form_code = ?", String.class, r02))
                .startsWith("failed the print check: page").contains("does not carry the name and address of form " + r02);
        assertThat(manifestResidents(print, "w-0001")).hasSize(5).doesNotContain("R02", "R05");
        assertThat(invitations.held()).extracting(Invitations.Held::residentId).containsExactlyInAnyOrder("R02", "R05");
        assertThat(Files.readString(Path.of(first.report()))).contains("R02");

        assertThat(invitations.release(r02)).isTrue();
        assertThat(invitations.release(r02)).isFalse();
        Invitations.Outcome second = invitations.run(invitations.cohort("w", "all"), print);
        assertThat(second.printed()).isEqualTo(1);
        assertThat(manifestResidents(print, "w-0002")).containsExactly("R02");
        assertThat(PrintFileCheck.squeeze(Poppler.pdftotext(PrintFile.pdf(print, "w-0001")))).doesNotContain("髙橋一郎");
        assertThat(PrintFileCheck.squeeze(Poppler.pdftotext(PrintFile.pdf(print, "w-0002")))).contains("髙橋一郎");
        assertThat(invitations.held()).extracting(Invitations.Held::residentId).containsExactly("R05");
    }

    @Test
    void thePreviewSaysWhoTheSessionsCannotServeAndTheRunStopsUnlessForced() throws Exception {
        // one district's sites have no session at all: its residents could get no date
        jdbc.update("DELETE FROM sessions");
        CohortPreview.Preview none = invitations.preview(invitations.cohort("w", "all"));
        assertThat(none.dates().none()).isEqualTo(none.letters());
        assertThat(none.dates().noneByDistrict()).containsKey("D01");
        assertThat(invitations.refusal(none)).contains("cannot offer 12 dates").contains("Import more sessions")
                .contains("add --force");
    }

    private static List<String> manifestResidents(Path print, String name) throws Exception {
        try (var in = Files.newBufferedReader(PrintFile.manifest(print, name))) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords().stream()
                    .map(r -> r.get("resident_id")).toList();
        }
    }
}
