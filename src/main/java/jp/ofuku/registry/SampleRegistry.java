package jp.ofuku.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVPrinter;

/**
 * Writes {@code samples/}: the fictional 往復市's districts, sites and sessions, and its
 * residents in UTF-8 and in windows-31j, with the hard cases a real registry holds.
 */
public final class SampleRegistry {

    public static final long SEED = 20261126L;
    /** The samples' "today": birth and status dates are relative to it, sessions start after it. */
    public static final LocalDate AS_OF = LocalDate.of(2026, 11, 26);
    public static final LocalDate SESSIONS_FROM = LocalDate.of(2027, 1, 11);
    public static final int SESSION_WEEKS = 10;
    public static final int GENERATED_RESIDENTS = 500;

    private SampleRegistry() {
    }

    /**
     * Residents no generator would think of, each a case letters must get right: characters
     * outside the BMP, variant kanji, ideographic variation sequences (one drawn by IPAex, one by
     * IPAmj Mincho only), very long foreign names, a Korean name in katakana with ・ and under a
     * Japanese alias, simplified Chinese JIS lacks, Vietnamese stored decomposed, a Latin name on
     * a Japanese letter, full-width and half-width characters and 方 in addresses, unsupported
     * languages, every need, the very young and very old, moves and deaths.
     */
    static List<List<String>> hardCases() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("R9000001", "𠮷田\u3000太郎", "ヨシダ\u3000タロウ", "", "1941-04-03", "299-0101", "往復市緑町3丁目30-8 ハイツ緑403号", "D01", "ja", "large_print", "active", ""));
        rows.add(row("R9000002", "髙橋\u3000一郎", "タカハシ\u3000イチロウ", "", "1938-12-24", "299-0102", "往復市本町1丁目2-3", "D02", "ja", "", "active", ""));
        rows.add(row("R9000003", "山﨑\u3000花子", "ヤマサキ\u3000ハナコ", "", "1950-07-07", "299-0103", "往復市栄町4丁目1-1", "D03", "ja", "", "active", ""));
        rows.add(row("R9000004", "葛\uDB40\uDD00城\u3000明", "カツラギ\u3000アキラ", "", "1947-02-11", "299-0104", "往復市港町2丁目5-12", "D04", "ja", "", "active", ""));
        rows.add(row("R9000005", "DOS SANTOS FERREIRA DE OLIVEIRA, MARIA APARECIDA CONCEICAO ROSA LIMA",
                "ドス サントス フェレイラ デ オリベイラ マリア アパレシダ コンセイサン ホーザ リマ",
                "DOS SANTOS FERREIRA DE OLIVEIRA, MARIA APARECIDA CONCEICAO ROSA LIMA", "1958-09-30", "299-0105",
                "往復市旭町1丁目7-3 コーポ栄205号室", "D05", "pt", "interpreter", "active", ""));
        rows.add(row("R9000006", "DELA CRUZ SANTOS REYES, MARIA CRISTINA LOURDES JOSEFINA",
                "デラ クルス サントス レイエス マリア クリスティナ ルルデス ホセフィナ",
                "DELA CRUZ SANTOS REYES, MARIA CRISTINA LOURDES JOSEFINA", "1969-03-15", "299-0106",
                "往復市桜台2丁目11-4", "D06", "tl", "", "active", ""));
        rows.add(row("R9000007", "斎藤\u3000節子", "サイトウ\u3000セツコ", "", "1936-05-05", "299-0104",
                "往復市港町2丁目5－12 シーサイド～港～201号室", "D04", "ja", "large_print;wheelchair", "active", ""));
        rows.add(row("R9000008", "DUPONT, CLAIRE", "デュポン クレール", "DUPONT, CLAIRE", "1975-10-01", "299-0112",
                "往復市中央2丁目4-6", "D12", "fr", "", "active", ""));
        rows.add(row("R9000009", "SOMCHAI, ANAN", "ソムチャイ アナン", "SOMCHAI, ANAN", "1988-01-20", "299-0112",
                "往復市中央3丁目1-9", "D12", "th", "interpreter", "active", ""));
        rows.add(row("R9000010", "田中\u3000陽菜", "タナカ\u3000ヒナ", "", "2023-06-01", "299-0107", "往復市若葉1丁目3-3", "D07", "ja", "", "active", ""));
        rows.add(row("R9000011", "遠藤\u3000トメ", "エンドウ\u3000トメ", "", "1922-01-01", "299-0108", "往復市東山5丁目2-1", "D08", "ja", "large_print;wheelchair;interpreter", "active", ""));
        rows.add(row("R9000012", "小川\u3000正男", "オガワ\u3000マサオ", "", "1931-08-15", "299-0109", "往復市西原1丁目1-2", "D09", "ja", "", "deceased", "2026-10-02"));
        rows.add(row("R9000013", "NGUYEN THI HOA", "グエン ティ ホア", "NGUYEN THI HOA", "1995-12-12", "299-0110", "往復市南浜3丁目9-9 メゾン港102号室", "D10", "ja-easy", "", "moved_out", "2026-09-30"));
        rows.add(row("R9000014", "李\u3000娜", "リ\u3000ナ", "LI NA", "1990-04-04", "299-0111", "往復市北野2丁目6-1", "D11", "zh-Hans", "", "active", ""));
        rows.add(row("R9000015", "최 지우", "チェ ジウ", "CHOI JIWOO", "1985-11-11", "299-0113", "往復市松ケ丘1丁目8-8", "D13", "ko", "", "active", ""));
        rows.add(row("R9000016", "キム・ミンジュン", "キム・ミンジュン", "KIM MINJUN", "1962-02-02", "299-0113",
                "往復市松ケ丘2丁目4-1 ﾊｲﾂ若葉203号室", "D13", "ko", "", "active", ""));
        rows.add(row("R9000017", "刘\u3000丽", "リュウ\u3000リー", "LIU LI", "1979-08-08", "299-0111", "往復市北野１丁目２－３　張様方",
                "D11", "zh-Hans", "", "active", ""));
        rows.add(row("R9000018", java.text.Normalizer.normalize("Nguyễn Thị Ngọc Ánh", java.text.Normalizer.Form.NFD),
                "グエン\u3000ティ\u3000ゴック\u3000アイン", "NGUYEN THI NGOC ANH", "1992-03-03", "299-0110",
                "往復市南浜2丁目1-1 ＡＢＣマンション１０２号室", "D10", "vi", "", "active", ""));
        rows.add(row("R9000019", "渡邉\uDB40\uDD10\u3000久子", "ワタナベ\u3000ヒサコ", "", "1933-09-09", "299-0101",
                "往復市緑町1丁目9-9", "D01", "ja", "large_print", "active", ""));
        rows.add(row("R9000020", "金本\u3000英子", "カネモト\u3000エイコ", "KIM YOUNGJA", "1940-12-12", "299-0113",
                "往復市松ケ丘3丁目3-3", "D13", "ja", "", "active", ""));
        rows.add(row("R9000021", "SMITH, EMILY JANE", "スミス\u3000エミリー", "SMITH, EMILY JANE", "1980-05-05", "299-0112",
                "往復市中央1丁目5-5", "D12", "ja", "", "active", ""));
        return rows;
    }

    private static List<String> row(String... values) {
        return List.of(values);
    }

    /** Writes every sample file into {@code dir}. */
    public static void write(Path dir) throws IOException {
        SyntheticRegistry registry = new SyntheticRegistry(SEED, AS_OF);
        registry.writeDistricts(dir.resolve("districts.csv"));
        registry.writeSites(dir.resolve("sites.csv"));
        registry.writeSessions(dir.resolve("sessions.csv"), SESSIONS_FROM, SESSION_WEEKS);
        List<List<String>> residents = new ArrayList<>();
        for (int i = 1; i <= GENERATED_RESIDENTS; i++) {
            residents.add(registry.resident(i));
        }
        residents.addAll(hardCases());
        try (CSVPrinter utf8 = SyntheticRegistry.printer(dir.resolve("residents.csv"), StandardCharsets.UTF_8);
                CSVPrinter cp932 = SyntheticRegistry.printer(dir.resolve("residents-windows-31j.csv"), FileEncoding.WINDOWS_31J)) {
            utf8.printRecord(SyntheticRegistry.RESIDENT_HEADER);
            cp932.printRecord(SyntheticRegistry.RESIDENT_HEADER);
            var encoder = FileEncoding.WINDOWS_31J.newEncoder();
            for (List<String> resident : residents) {
                utf8.printRecord(resident);
                // windows-31j has no 𠮷 and no variation selectors: those residents are in the UTF-8 file only
                if (resident.stream().allMatch(encoder::canEncode)) {
                    cp932.printRecord(resident);
                }
            }
        }
    }
}
