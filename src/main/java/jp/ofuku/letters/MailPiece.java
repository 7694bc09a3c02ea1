package jp.ofuku.letters;

import java.time.LocalDateTime;
import java.util.List;

/**
 * Everything printed for one resident in one envelope. An invitation is a letter sheet and a
 * reply form whose options are the dates offered; a confirmation is one sheet whose options
 * are the sessions booked, numbered by dose. {@code name} and {@code address} are as printed
 * (variation selectors folded).
 */
public record MailPiece(FormCode formCode, String residentId, String name, String address, String postalCode,
        String language, boolean largePrint, List<Option> options, Kind kind) {

    /** Sheets of an invitation (letter and reply form). */
    public static final int SHEETS = 2;

    /** What the envelope holds. */
    public enum Kind {
        /** a letter and a reply form offering dates */
        INVITATION(2),
        /** a letter and a reply form offering other dates, when none chosen had room or the resident asked */
        NEW_DATES(2),
        /** one letter: the sessions booked */
        CONFIRMATION(1),
        /** one letter after a booking changed by hand: the sessions booked now, or that none is any more */
        CHANGE(1),
        /** the same, after the site closed the session or cut its places: with an apology, not "as agreed with you" */
        SITE_CHANGE(1);

        public final int sheets;

        Kind(int sheets) {
            this.sheets = sheets;
        }
    }

    /** An invitation. */
    public MailPiece(FormCode formCode, String residentId, String name, String address, String postalCode, String language,
            boolean largePrint, List<Option> options) {
        this(formCode, residentId, name, address, postalCode, language, largePrint, options, Kind.INVITATION);
    }

    public int sheets() {
        return kind.sheets;
    }

    public Catalog catalog() {
        return Catalog.forTag(language);
    }

    /** Option k (1-based) of the form, or dose k of a confirmation: a session at a site. */
    public record Option(int number, long sessionId, LocalDateTime start, LocalDateTime end, String siteCode,
            String siteName, String siteAddress, String siteAccess) {

        public Option(int number, long sessionId, LocalDateTime start, LocalDateTime end, String siteCode, String siteName) {
            this(number, sessionId, start, end, siteCode, siteName, "", "");
        }
    }
}
