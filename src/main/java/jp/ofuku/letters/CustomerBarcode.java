package jp.ofuku.letters;

import java.text.Normalizer;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Japan Post's customer barcode (カスタマバーコード) data: the postal code and the address
 * number (住所表示番号) extracted from the address by the rules of Japan Post's
 * "郵便番号・バーコードマニュアル" (バーコードに必要な文字情報の抜き出し法).
 *
 * <p>Without the postal-code dictionary the town name (住所A) cannot be cut off by lookup, so
 * the address number is taken from where the numbering starts: the first Arabic digit, or
 * the first kanji numeral followed by 丁目, 丁, 番地, 番, 号, 地割 or 線.
 */
public final class CustomerBarcode {

    /** Kanji numerals before these are converted to Arabic numerals (補足ルール). */
    private static final String NUMBERED = "丁目|丁|番地|番|号|地割|線|の|ノ";
    private static final Pattern KANJI_NUMBER = Pattern.compile("([〇一二三四五六七八九十百千]+)(?=" + NUMBERED + ")");
    private static final Pattern NUMBERING_START = Pattern.compile(
            "[0-9]|[〇一二三四五六七八九十百千]+(?=丁目|丁|番地|番|号|地割|線)");
    private static final Map<Character, Integer> DIGITS = Map.of('〇', 0, '一', 1, '二', 2, '三', 3, '四', 4, '五', 5,
            '六', 6, '七', 7, '八', 8, '九', 9);
    private static final int LENGTH = 20;

    private CustomerBarcode() {
    }

    /** The address number ("3-30-8-403"), or empty when the address has none. */
    public static Optional<String> addressNumber(String address) {
        String s = Normalizer.normalize(address, Normalizer.Form.NFKC).toUpperCase(java.util.Locale.ROOT);
        // hyphen-like characters count as hyphens
        s = s.replaceAll("[‐‑‒–—―−ー－ｰ]", "-");
        Matcher start = NUMBERING_START.matcher(s);
        if (!start.find()) {
            return Optional.empty();
        }
        s = s.substring(start.start());
        s = KANJI_NUMBER.matcher(s).replaceAll(m -> Integer.toString(kanjiNumber(m.group(1))));
        // basic rule 2: drop & / ・ . and close up
        s = s.replaceAll("[&/・.]", "");
        // a floor written as 2F is the number 2 (ABCビル2F -> 2)
        s = s.replaceAll("([0-9])F(?![A-Z])", "$1");
        // basic rules 3-4: keep digits, hyphens and lone letters; anything else becomes a hyphen
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = c >= 'A' && c <= 'Z';
            boolean loneLetter = letter && !isLetter(s, i - 1) && !isLetter(s, i + 1);
            if (c >= '0' && c <= '9' || c == '-' || loneLetter) {
                out.append(c);
            } else {
                out.append('-');
            }
        }
        String data = out.toString()
                .replaceAll("-{2,}", "-")         // rule 5
                .replaceAll("-([A-Z])", "$1")      // 補足: no hyphen before a lone letter (5-B604 -> 5B604)
                .replaceAll("^-+|-+$", "");       // rule 6, and nothing trailing
        return data.isEmpty() || !data.matches(".*[0-9].*") ? Optional.empty() : Optional.of(data);
    }

    /** Postal code digits and address number, cut to the barcode's 20 characters (letters count two). */
    public static Optional<String> data(String postalCode, String address) {
        String postal = postalCode.replace("-", "");
        if (!postal.matches("[0-9]{7}")) {
            return Optional.empty();
        }
        String number = addressNumber(address).orElse("");
        StringBuilder out = new StringBuilder(postal);
        int width = postal.length();
        for (char c : number.toCharArray()) {
            int w = c >= 'A' && c <= 'Z' ? 2 : 1;
            if (width + w > LENGTH) {
                // a letter that would straddle position 20 keeps its control code only: okapi encodes
                // letters whole, so the letter is dropped and the bar pattern is padded
                break;
            }
            out.append(c);
            width += w;
        }
        return Optional.of(out.toString());
    }

    private static boolean isLetter(String s, int i) {
        return i >= 0 && i < s.length() && s.charAt(i) >= 'A' && s.charAt(i) <= 'Z';
    }

    /** 十一 -> 11, 二十一 -> 21, 百五 -> 105, 一〇五 -> 105. */
    static int kanjiNumber(String k) {
        if (k.chars().noneMatch(c -> c == '十' || c == '百' || c == '千')) {
            int n = 0;
            for (char c : k.toCharArray()) {
                n = n * 10 + DIGITS.get(c);
            }
            return n;
        }
        int total = 0;
        int digit = 0;
        for (char c : k.toCharArray()) {
            switch (c) {
                case '十' -> { total += (digit == 0 ? 1 : digit) * 10; digit = 0; }
                case '百' -> { total += (digit == 0 ? 1 : digit) * 100; digit = 0; }
                case '千' -> { total += (digit == 0 ? 1 : digit) * 1000; digit = 0; }
                default -> digit = DIGITS.get(c);
            }
        }
        return total + digit;
    }
}
