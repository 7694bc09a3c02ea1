package jp.ofuku.registry;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises the individual number (マイナンバー), which ofuku must never store: twelve
 * digits whose last is the check digit defined by the My Number Act ordinance (art. 5).
 */
public final class MyNumber {

    private static final Set<String> HEADER_NAMES = Set.of("my_number", "mynumber", "my number", "individual_number",
            "kojin_bango", "kojinbango", "個人番号", "マイナンバー", "個人番号（マイナンバー）");

    private MyNumber() {
    }

    public static boolean isValid(String value) {
        if (value.length() != 12) {
            return false;
        }
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            char c = value.charAt(11 - n);
            if (c < '0' || c > '9') {
                return false;
            }
            int q = n <= 6 ? n + 1 : n - 5;
            sum += (c - '0') * q;
        }
        char last = value.charAt(11);
        if (last < '0' || last > '9') {
            return false;
        }
        int remainder = sum % 11;
        int check = remainder <= 1 ? 0 : 11 - remainder;
        return last - '0' == check;
    }

    /** Hyphens and dashes of every width, and spaces, as My Numbers are written in groups of four. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-‐‑‒–—―−ー]");

    /**
     * A My Number however it is written: {@code 1234 5678 9018}, {@code 1234-5678-9018}, in
     * full-width digits ({@code １２３４５６７８９０１８}) or with full-width spaces and dashes.
     */
    public static boolean isWritten(String value) {
        String digits = SEPARATORS.matcher(Normalizer.normalize(value, Normalizer.Form.NFKC)).replaceAll("");
        return isValid(digits);
    }

    /** A header that names the individual number outright. */
    public static boolean isHeaderName(String header) {
        return HEADER_NAMES.contains(header.strip().toLowerCase(Locale.ROOT));
    }
}
