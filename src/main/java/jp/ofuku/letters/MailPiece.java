package jp.ofuku.letters;

import java.time.LocalDateTime;
import java.util.List;

/**
 * Everything printed for one resident in one envelope: a letter sheet and a reply form.
 * {@code name} and {@code address} are as printed (variation selectors folded).
 */
public record MailPiece(FormCode formCode, String residentId, String name, String address, String postalCode,
        String language, boolean largePrint, List<Option> options) {

    public static final int SHEETS = 2;

    public Catalog catalog() {
        return Catalog.forTag(language);
    }

    /** Option k (1-based) of the form: a session at a site. */
    public record Option(int number, long sessionId, LocalDateTime start, LocalDateTime end, String siteCode,
            String siteName) {
    }
}
