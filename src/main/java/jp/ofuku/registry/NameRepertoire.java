package jp.ofuku.registry;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Names and addresses as a Japanese municipality's registry really holds them, drawn at random
 * for generated towns: Japanese names, some in the official-name variants (髙, 﨑, 𠮷, 葛 with
 * its variation selector); Korean residents under a Japanese alias (通称名) in kanji, in
 * katakana with ・, or in Hangul; Chinese names in simplified characters JIS lacks (刘, 张,
 * 门, 丽); Vietnamese with stacked diacritics, sometimes stored decomposed; Brazilian and
 * Filipino names of 40 characters and more; Latin names on Japanese letters; addresses with
 * full-width and half-width digits, letters and kana, building names and "方" (care of).
 * Every name is made up from common parts; no real person is described.
 */
public final class NameRepertoire {

    /** A name as registered, its kana reading, its Latin form (may be empty) and the letter language. */
    public record Name(String name, String kana, String latin, String language) {
    }

    static final String[][] SURNAMES = {
            {"佐藤", "サトウ"}, {"鈴木", "スズキ"}, {"高橋", "タカハシ"}, {"田中", "タナカ"}, {"伊藤", "イトウ"},
            {"渡辺", "ワタナベ"}, {"山本", "ヤマモト"}, {"中村", "ナカムラ"}, {"小林", "コバヤシ"}, {"加藤", "カトウ"},
            {"吉田", "ヨシダ"}, {"山田", "ヤマダ"}, {"佐々木", "ササキ"}, {"山口", "ヤマグチ"}, {"松本", "マツモト"},
            {"井上", "イノウエ"}, {"木村", "キムラ"}, {"林", "ハヤシ"}, {"斎藤", "サイトウ"}, {"清水", "シミズ"},
            {"山崎", "ヤマザキ"}, {"森", "モリ"}, {"池田", "イケダ"}, {"橋本", "ハシモト"}, {"阿部", "アベ"},
            {"石川", "イシカワ"}, {"前田", "マエダ"}, {"藤田", "フジタ"}, {"小川", "オガワ"}, {"岡田", "オカダ"},
            {"長谷川", "ハセガワ"}, {"村上", "ムラカミ"}, {"近藤", "コンドウ"}, {"坂本", "サカモト"}, {"遠藤", "エンドウ"}};
    /**
     * Surnames as the family register writes them: 髙 and 﨑 (not in JIS X 0208), 𠮷 (outside
     * the BMP), 齋 and 邊, and variation sequences: 葛 + U+E0100 (a glyph in IPAex) and 邉 +
     * U+E0110 and 辻 + U+E0102 (glyphs in IPAmj Mincho only).
     */
    static final String[][] OFFICIAL_SURNAMES = {
            {"髙橋", "タカハシ"}, {"山﨑", "ヤマサキ"}, {"𠮷田", "ヨシダ"}, {"齋藤", "サイトウ"}, {"渡邊", "ワタナベ"},
            {"葛\uDB40\uDD00城", "カツラギ"}, {"渡邉\uDB40\uDD10", "ワタナベ"}, {"辻\uDB40\uDD02", "ツジ"}, {"德永", "トクナガ"},
            {"濵田", "ハマダ"}, {"髙木", "タカギ"}, {"宮﨑", "ミヤザキ"}};
    static final String[][] GIVEN = {
            {"一郎", "イチロウ"}, {"和子", "カズコ"}, {"花子", "ハナコ"}, {"健太", "ケンタ"}, {"節子", "セツコ"},
            {"博", "ヒロシ"}, {"幸子", "サチコ"}, {"清", "キヨシ"}, {"美智子", "ミチコ"}, {"茂", "シゲル"},
            {"恵子", "ケイコ"}, {"勇", "イサム"}, {"陽菜", "ヒナ"}, {"蓮", "レン"}, {"結衣", "ユイ"}, {"大翔", "ヒロト"},
            {"久子", "ヒサコ"}, {"正男", "マサオ"}, {"千代", "チヨ"}, {"武", "タケシ"}, {"明美", "アケミ"},
            {"誠", "マコト"}, {"由美子", "ユミコ"}, {"翔太", "ショウタ"}, {"さくら", "サクラ"}, {"トメ", "トメ"},
            {"ハル", "ハル"}};

    /** Korean family and given names: Hangul, the katakana a registry writes for them, and the romanisation. */
    private static final String[][] KOREAN_FAMILY = {{"김", "キム", "KIM", "金"}, {"이", "イ", "LEE", "李"},
            {"박", "パク", "PARK", "朴"}, {"최", "チェ", "CHOI", "崔"}, {"정", "チョン", "JUNG", "鄭"}, {"강", "カン", "KANG", "姜"}};
    private static final String[][] KOREAN_GIVEN = {{"민준", "ミンジュン", "MINJUN", "民俊"}, {"서연", "ソヨン", "SEOYEON", "叙妍"},
            {"지우", "ジウ", "JIWOO", "智友"}, {"하은", "ハウン", "HAEUN", "夏恩"}, {"도윤", "ドユン", "DOYUN", "度潤"},
            {"영수", "ヨンス", "YOUNGSOO", "英秀"}};
    /** Japanese aliases (通称名) Korean residents of long standing are registered under. */
    private static final String[][] ALIASES = {{"金本", "カネモト"}, {"新井", "アライ"}, {"松田", "マツダ"}, {"岩本", "イワモト"}};

    /** Chinese names in simplified characters, several of which JIS lacks (刘, 张, 门, 丽, 陈, 赵, 华, 东). */
    private static final String[][] CHINESE_FAMILY = {{"刘", "リュウ", "LIU"}, {"张", "チャン", "ZHANG"}, {"门", "メン", "MEN"},
            {"陈", "チェン", "CHEN"}, {"赵", "チャオ", "ZHAO"}, {"王", "ワン", "WANG"}, {"李", "リ", "LI"}};
    private static final String[][] CHINESE_GIVEN = {{"丽", "リー", "LI"}, {"伟", "ウェイ", "WEI"}, {"晓东", "シャオドン", "XIAODONG"},
            {"丽华", "リーファ", "LIHUA"}, {"静", "ジン", "JING"}, {"敏", "ミン", "MIN"}, {"秀英", "シュウイン", "XIUYING"}};

    /** Vietnamese name parts with their stacked diacritics, and the katakana a registry writes. */
    private static final String[][] VIET_FAMILY = {{"NGUYỄN", "グエン", "NGUYEN"}, {"TRẦN", "チャン", "TRAN"}, {"PHẠM", "ファム", "PHAM"},
            {"LÊ", "レー", "LE"}, {"HOÀNG", "ホアン", "HOANG"}, {"ĐẶNG", "ダン", "DANG"}};
    private static final String[][] VIET_MIDDLE = {{"THỊ", "ティ", "THI"}, {"VĂN", "ヴァン", "VAN"}, {"QUỐC", "クオック", "QUOC"},
            {"NGỌC", "ゴック", "NGOC"}};
    private static final String[][] VIET_GIVEN = {{"ÁNH", "アイン", "ANH"}, {"HÙNG", "フン", "HUNG"}, {"HỒNG NHUNG", "ホン ニュン", "HONG NHUNG"},
            {"BẢO", "バオ", "BAO"}, {"MAI", "マイ", "MAI"}, {"THỦY", "トゥイ", "THUY"}, {"NGỌC ÁNH", "ゴック アイン", "NGOC ANH"}};

    /** Brazilian and Filipino name parts: several family names and given names make 40 characters and more. */
    private static final String[][] PT_FAMILY = {{"DOS SANTOS", "ドス　サントス"}, {"FERREIRA", "フェレイラ"},
            {"DE OLIVEIRA", "デ　オリベイラ"}, {"DA SILVA", "ダ　シルバ"}, {"PEREIRA", "ペレイラ"}, {"GONÇALVES", "ゴンサウベス"},
            {"RODRIGUES", "ホドリゲス"}, {"DE SOUZA", "デ　ソウザ"}, {"CONCEIÇÃO", "コンセイサン"}, {"ALMEIDA", "アルメイダ"},
            {"ARAÚJO", "アラウージョ"}};
    private static final String[][] PT_GIVEN = {{"MARIA", "マリア"}, {"APARECIDA", "アパレシダ"}, {"JOÃO", "ジョアン"},
            {"PEDRO", "ペドロ"}, {"ANA", "アナ"}, {"LUÍZA", "ルイーザ"}, {"JOSÉ", "ジョゼ"}, {"ANTÔNIO", "アントニオ"},
            {"FRANCISCA", "フランシスカ"}};
    private static final String[][] TL_FAMILY = {{"DELA CRUZ", "デラ　クルス"}, {"SANTOS", "サントス"}, {"REYES", "レイエス"},
            {"BAUTISTA", "バウティスタ"}, {"MACAPAGAL", "マカパガル"}, {"PEÑAFLOR", "ペニャフロール"}, {"DE GUZMAN", "デ　グスマン"},
            {"VILLANUEVA", "ビリャヌエバ"}, {"MENDOZA", "メンドーサ"}};
    private static final String[][] TL_GIVEN = {{"MARIA", "マリア"}, {"CRISTINA", "クリスティナ"}, {"LOURDES", "ルルデス"},
            {"JOSEFINA", "ホセフィナ"}, {"JUAN", "フアン"}, {"MA. TERESA", "マ　テレサ"}, {"ROSARIO", "ロサリオ"}, {"JOSE", "ホセ"},
            {"NIÑO", "ニーニョ"}};
    /** Latin names of residents whose letters are in English or Japanese. */
    private static final String[][] LATIN = {{"SMITH, EMILY JANE", "スミス　エミリー　ジェーン"}, {"O'BRIEN, SEÁN PATRICK", "オブライエン　ショーン"},
            {"MÜLLER, JÜRGEN", "ミュラー　ユルゲン"}, {"DUPONT, CLAIRE", "デュポン　クレール"},
            {"GARCÍA LÓPEZ, JOSÉ ANTONIO", "ガルシア　ロペス　ホセ　アントニオ"}, {"NOWAK, ŁUKASZ", "ノヴァク　ウカシュ"}};

    private static final String[] BUILDINGS = {"ハイツ緑", "コーポ栄", "メゾン港", "グリーンヒルズ", "サンライズ旭", "ＡＢＣマンション",
            "ﾊｲﾂ若葉", "レジデンス Ｋ", "シーサイド～港～", "第２松風荘"};

    private final SplittableRandom random;

    public NameRepertoire(SplittableRandom random) {
        this.random = random;
    }

    /**
     * A resident's name: mostly Japanese (one in fifteen in an official-name variant), about one
     * in eight foreign, in every script residents register in.
     */
    public Name next() {
        if (random.nextInt(8) != 0) {
            return japanese();
        }
        return switch (random.nextInt(7)) {
            case 0 -> korean();
            case 1 -> chinese();
            case 2 -> vietnamese();
            case 3 -> latinLong(PT_FAMILY, PT_GIVEN, "pt");
            case 4 -> latinLong(TL_FAMILY, TL_GIVEN, "tl");
            case 5 -> latin();
            default -> random.nextBoolean() ? vietnamese() : korean();
        };
    }

    private Name japanese() {
        String[] s = random.nextInt(15) == 0 ? pick(OFFICIAL_SURNAMES) : pick(SURNAMES);
        String[] g = pick(GIVEN);
        return new Name(s[0] + "\u3000" + g[0], s[1] + "\u3000" + g[1], "", "ja");
    }

    private Name korean() {
        String[] f = pick(KOREAN_FAMILY);
        String[] g = pick(KOREAN_GIVEN);
        String kana = f[1] + "・" + g[1];
        String latin = f[2] + " " + g[2];
        String language = random.nextInt(4) == 0 ? "ja-easy" : "ko";
        return switch (random.nextInt(4)) {
            case 0 -> new Name(f[0] + g[0], kana, latin, language); // Hangul
            case 1 -> new Name(kana, kana, latin, language); // katakana with ・, as many registries write it
            case 2 -> new Name(f[3] + "\u3000" + g[3], kana, latin, language); // the Korean name in kanji
            default -> {
                String[] alias = pick(ALIASES);
                String[] given = pick(GIVEN);
                yield new Name(alias[0] + "\u3000" + given[0], alias[1] + "\u3000" + given[1], latin, "ja"); // 通称名
            }
        };
    }

    private Name chinese() {
        String[] f = pick(CHINESE_FAMILY);
        String[] g = pick(CHINESE_GIVEN);
        return new Name(f[0] + "\u3000" + g[0], f[1] + "\u3000" + g[1], f[2] + " " + g[2], random.nextInt(5) == 0 ? "ja-easy" : "zh-Hans");
    }

    private Name vietnamese() {
        String[] f = pick(VIET_FAMILY);
        String[] m = pick(VIET_MIDDLE);
        String[] g = pick(VIET_GIVEN);
        String name = f[0] + " " + m[0] + " " + g[0];
        if (random.nextBoolean()) {
            name = titleCase(name);
        }
        if (random.nextInt(4) == 0) {
            name = Normalizer.normalize(name, Normalizer.Form.NFD); // some systems store the marks apart
        }
        return new Name(name, f[1] + "\u3000" + m[1] + "\u3000" + g[1], f[2] + " " + m[2] + " " + g[2],
                random.nextInt(5) == 0 ? "ja-easy" : "vi");
    }

    /** Family names, a comma, given names: until the name is at least 40 characters long. */
    private Name latinLong(String[][] family, String[][] given, String language) {
        List<String[]> families = new ArrayList<>();
        List<String[]> givens = new ArrayList<>();
        while (families.isEmpty() || givens.isEmpty() || joined(families, 0).length() + joined(givens, 0).length() + 2 < 40) {
            List<String[]> parts = families.size() <= givens.size() ? families : givens;
            String[][] from = parts == families ? family : given;
            String[] part = pick(from);
            for (int i = 1; parts.contains(part) && i < from.length; i++) {
                part = from[(java.util.Arrays.asList(from).indexOf(part) + 1) % from.length];
            }
            parts.add(part);
        }
        String name = joined(families, 0) + ", " + joined(givens, 0);
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return new Name(name, joined(families, 1) + "\u3000" + joined(givens, 1), plain, random.nextInt(6) == 0 ? "ja" : language);
    }

    private static String joined(List<String[]> parts, int column) {
        return String.join(column == 0 ? " " : "\u3000", parts.stream().map(p -> p[column]).toList());
    }

    private Name latin() {
        String[] l = pick(LATIN);
        return new Name(l[0], l[1], l[0], random.nextBoolean() ? "en" : "ja");
    }

    /**
     * An address in one of the districts: digits full-width or half-width as the registry typed
     * them, sometimes a building (full-width letters, half-width kana) and room, sometimes "方"
     * (care of the household it is sent to).
     */
    public String address(String townAndDistrict) {
        boolean wide = random.nextInt(3) == 0;
        String base = townAndDistrict + digits(1 + random.nextInt(5), wide) + "丁目"
                + digits(1 + random.nextInt(30), wide) + (wide ? "－" : "-") + digits(1 + random.nextInt(20), wide);
        int extra = random.nextInt(8);
        if (extra < 2) {
            return base + " " + pick(BUILDINGS) + digits((1 + random.nextInt(5)) * 100 + 1 + random.nextInt(8), wide) + "号室";
        }
        if (extra == 2) {
            return base + "\u3000" + pick(SURNAMES)[0] + "方";
        }
        return base;
    }

    private static String digits(int n, boolean wide) {
        String s = Integer.toString(n);
        if (!wide) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        s.chars().forEach(c -> out.append((char) (c - '0' + '０')));
        return out.toString();
    }

    private static String titleCase(String upper) {
        StringBuilder out = new StringBuilder();
        boolean start = true;
        for (char c : upper.toCharArray()) {
            out.append(start ? c : Character.toLowerCase(c));
            start = c == ' ';
        }
        return out.toString();
    }

    private String[] pick(String[][] from) {
        return from[random.nextInt(from.length)];
    }

    private String pick(String[] from) {
        return from[random.nextInt(from.length)];
    }
}
