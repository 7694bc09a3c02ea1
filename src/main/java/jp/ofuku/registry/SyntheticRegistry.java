package jp.ofuku.registry;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A fictional municipality, 往復市, for samples, tests and benchmarks: its districts, sites,
 * sessions and as many residents as asked for, the same for the same seed. Every name is
 * made up from common name parts; no real person is described.
 */
public final class SyntheticRegistry {

    public static final List<String> RESIDENT_HEADER = List.of("resident_id", "name", "name_kana", "name_latin",
            "birth_date", "postal_code", "address", "district", "language", "needs", "status", "status_date");

    static final String CITY = "往復市";
    private static final String[][] DISTRICTS = {
            {"緑町", "ミドリチョウ"}, {"本町", "ホンチョウ"}, {"栄町", "サカエチョウ"}, {"港町", "ミナトチョウ"},
            {"旭町", "アサヒチョウ"}, {"桜台", "サクラダイ"}, {"若葉", "ワカバ"}, {"東山", "ヒガシヤマ"},
            {"西原", "ニシハラ"}, {"南浜", "ミナミハマ"}, {"北野", "キタノ"}, {"中央", "チュウオウ"},
            {"松ケ丘", "マツガオカ"}, {"梅園", "ウメゾノ"}, {"竹林", "タケバヤシ"}, {"青葉台", "アオバダイ"},
            {"日の出", "ヒノデ"}, {"富士見", "フジミ"}, {"川端", "カワバタ"}, {"新町", "シンマチ"},
            {"元町", "モトマチ"}, {"宮前", "ミヤマエ"}, {"花園", "ハナゾノ"}, {"清水", "シミズ"}};
    private static final double CENTER_LAT = 35.640;
    private static final double CENTER_LON = 140.110;

    private final SplittableRandom random;
    private final NameRepertoire names;
    private final LocalDate today;

    public SyntheticRegistry(long seed, LocalDate today) {
        this.random = new SplittableRandom(seed);
        this.names = new NameRepertoire(random);
        this.today = today;
    }

    public static int districtCount() {
        return DISTRICTS.length;
    }

    public static String districtCode(int i) {
        return String.format(Locale.ROOT, "D%02d", i + 1);
    }

    static String postalCode(int district) {
        return String.format(Locale.ROOT, "299-01%02d", district + 1);
    }

    public void writeDistricts(Path file) throws IOException {
        try (CSVPrinter csv = printer(file, StandardCharsets.UTF_8)) {
            csv.printRecord("district", "name", "lat", "lon");
            for (int i = 0; i < DISTRICTS.length; i++) {
                double angle = 2 * Math.PI * i / DISTRICTS.length;
                double radius = 0.012 + 0.03 * ((i * 7) % 5) / 4.0;
                csv.printRecord(districtCode(i), DISTRICTS[i][0], coordinate(CENTER_LAT + radius * Math.sin(angle)),
                        coordinate(CENTER_LON + radius * 1.2 * Math.cos(angle)));
            }
        }
    }

    /** Five sites around town: the civic hall, health centre, two community centres, a gym. */
    public void writeSites(Path file) throws IOException {
        try (CSVPrinter csv = printer(file, StandardCharsets.UTF_8)) {
            csv.printRecord("site_code", "name", "address", "postal_code", "lat", "lon", "access");
            csv.printRecord("S01", "往復市民会館", CITY + "中央1丁目1-1", "299-0112", coordinate(CENTER_LAT), coordinate(CENTER_LON),
                    "往復駅東口から徒歩5分。駐車場あり");
            csv.printRecord("S02", "往復市保健センター", CITY + "本町2丁目3-5", "299-0102", coordinate(CENTER_LAT + 0.012),
                    coordinate(CENTER_LON + 0.004), "市内循環バス「保健センター前」下車すぐ");
            csv.printRecord("S03", "北部公民館", CITY + "北野4丁目10-2", "299-0111", coordinate(CENTER_LAT + 0.035),
                    coordinate(CENTER_LON - 0.010), "北野駅から徒歩10分。車いすの方は北側入口へ");
            csv.printRecord("S04", "南部公民館", CITY + "南浜1丁目8-20", "299-0110", coordinate(CENTER_LAT - 0.038),
                    coordinate(CENTER_LON + 0.015), "南浜バス停から徒歩3分");
            csv.printRecord("S05", "往復市総合体育館", CITY + "西原3丁目15-1", "299-0109", coordinate(CENTER_LAT - 0.005),
                    coordinate(CENTER_LON - 0.040), "西原駅から無料送迎バスあり。駐車場あり");
        }
    }

    /**
     * {@code weeks} weeks of sessions from the Monday on or after {@code from}: weekday mornings
     * and afternoons, Tuesday and Thursday evenings, Saturday and Sunday days; second doses on
     * Thursday afternoons from the fourth week.
     */
    public void writeSessions(Path file, LocalDate from, int weeks) throws IOException {
        writeSessions(file, from, weeks, 1);
    }

    /** As {@link #writeSessions(Path, LocalDate, int)}, every capacity multiplied by {@code capacityFactor}. */
    public void writeSessions(Path file, LocalDate from, int weeks, int capacityFactor) throws IOException {
        LocalDate monday = from;
        while (monday.getDayOfWeek() != DayOfWeek.MONDAY) {
            monday = monday.plusDays(1);
        }
        try (CSVPrinter csv = printer(file, StandardCharsets.UTF_8)) {
            csv.printRecord("site_code", "start", "end", "capacity", "vaccine", "dose");
            for (int day = 0; day < weeks * 7; day++) {
                LocalDate date = monday.plusDays(day);
                for (int site = 1; site <= 5; site++) {
                    for (String[] slot : slots(date, site, day / 7)) {
                        csv.printRecord("S0" + site, LocalDateTime.of(date, LocalTime.parse(slot[0])),
                                LocalDateTime.of(date, LocalTime.parse(slot[1])), Integer.parseInt(slot[2]) * capacityFactor,
                                "covid-19", slot[3]);
                    }
                }
            }
        }
    }

    private static List<String[]> slots(LocalDate date, int site, int week) {
        List<String[]> slots = new ArrayList<>();
        DayOfWeek dow = date.getDayOfWeek();
        boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
        String big = site == 1 || site == 5 ? "120" : "60";
        if (weekend) {
            if (site == 1 || site == 5 || (site + date.getDayOfMonth()) % 2 == 0) {
                slots.add(new String[] {"10:00", "12:30", big, "1"});
                slots.add(new String[] {"13:30", "16:00", big, "1"});
            }
            return slots;
        }
        if ((site + dow.getValue()) % 3 != 0) {
            slots.add(new String[] {"09:30", "12:00", big, "1"});
            boolean secondDoses = dow == DayOfWeek.THURSDAY && week >= 3;
            slots.add(new String[] {"13:30", "16:30", secondDoses ? "40" : big, secondDoses ? "2" : "1"});
        }
        if ((dow == DayOfWeek.TUESDAY || dow == DayOfWeek.THURSDAY) && (site == 1 || site == 2)) {
            slots.add(new String[] {"18:00", "20:00", "40", "1"});
        }
        return slots;
    }

    /**
     * {@code count} residents R0000001… with ordinary variety (see {@link #resident}). A resident
     * whose name or address the charset cannot hold (windows-31j has no 𠮷, Hangul or 刘) is left
     * out of that file, as it would be of a real export in that charset.
     */
    public void writeResidents(Path file, int count, Charset charset) throws IOException {
        CharsetEncoder encoder = charset.newEncoder();
        try (CSVPrinter csv = printer(file, charset)) {
            csv.printRecord(RESIDENT_HEADER);
            for (int i = 1; i <= count; i++) {
                List<String> resident = resident(i);
                if (resident.stream().allMatch(encoder::canEncode)) {
                    csv.printRecord(resident);
                }
            }
        }
    }

    /**
     * One resident: mostly Japanese, about one in eight foreign, named as registries hold them
     * ({@link NameRepertoire}); ages 0 to 104 (more of them old); some with large print,
     * wheelchair or interpreter needs; about 3 % moved out and 2 % deceased.
     */
    public List<String> resident(int n) {
        int district = random.nextInt(DISTRICTS.length);
        NameRepertoire.Name name = names.next();
        String language = name.language();
        int age = random.nextInt(10) < 6 ? 60 + random.nextInt(45) : random.nextInt(60);
        LocalDate birth = today.minusYears(age).minusDays(random.nextInt(365));
        List<String> needs = new ArrayList<>();
        if (age >= 75 && random.nextInt(6) == 0) {
            needs.add("large_print");
        }
        if (age >= 80 && random.nextInt(10) == 0) {
            needs.add("wheelchair");
        }
        if (!language.startsWith("ja") && random.nextInt(4) == 0) {
            needs.add("interpreter");
        }
        int roll = random.nextInt(100);
        String status = roll < 3 ? "moved_out" : roll < 5 ? "deceased" : "active";
        String statusDate = status.equals("active") ? "" : today.minusDays(1 + random.nextInt(300)).toString();
        return List.of(String.format(Locale.ROOT, "R%07d", n), name.name(), name.kana(), name.latin(), birth.toString(),
                postalCode(district), names.address(CITY + DISTRICTS[district][0]), districtCode(district), language,
                String.join(";", needs), status, statusDate);
    }

    private static String coordinate(double degrees) {
        return String.format(Locale.ROOT, "%.6f", degrees);
    }

    static CSVPrinter printer(Path file, Charset charset) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        CharsetEncoder strict = charset.newEncoder();
        Writer out = new BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(file), strict), 1 << 16);
        return new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get());
    }
}
