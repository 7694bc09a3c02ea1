package jp.ofuku.letters;

import java.util.Optional;

/**
 * The number a reply form is known by: an 8-digit serial and 2 check digits (ISO 7064
 * MOD 97-10, as in IBAN), so that a misread digit or two swapped digits are caught, whether
 * read by OCR or typed by an operator. Printed in groups: "1000 0001 55".
 */
public record FormCode(String digits) {

    public FormCode {
        if (!digits.matches("[0-9]{10}") || !valid(digits)) {
            throw new IllegalArgumentException("not a form code: " + digits);
        }
    }

    public static FormCode ofSerial(long serial) {
        if (serial < 0 || serial > 99_999_999L) {
            throw new IllegalArgumentException("form serial out of range: " + serial);
        }
        String body = String.format("%08d", serial);
        long check = 98 - mod97(body + "00");
        return new FormCode(body + String.format("%02d", check));
    }

    /** The code in {@code text} once spaces and hyphens are removed, if its check digits hold. */
    public static Optional<FormCode> parse(String text) {
        String d = text.replaceAll("[\\s\\-]", "");
        return d.matches("[0-9]{10}") && valid(d) ? Optional.of(new FormCode(d)) : Optional.empty();
    }

    private static boolean valid(String d) {
        return mod97(d) == 1;
    }

    private static long mod97(String digits) {
        long r = 0;
        for (int i = 0; i < digits.length(); i++) {
            r = (r * 10 + (digits.charAt(i) - '0')) % 97;
        }
        return r;
    }

    /** As printed: "1000 0001 55". */
    public String printed() {
        return digits.substring(0, 4) + " " + digits.substring(4, 8) + " " + digits.substring(8);
    }

    @Override
    public String toString() {
        return digits;
    }
}
