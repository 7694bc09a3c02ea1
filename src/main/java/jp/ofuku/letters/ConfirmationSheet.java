package jp.ofuku.letters;

import java.io.IOException;

/**
 * A confirmation: one sheet in the same envelope window as the invitation, saying when and
 * where each dose is booked (date and time, site, its address and how to get there), what to
 * bring, and how to change or cancel. The sessions are the piece's options, numbered by dose.
 * A change letter is the same sheet after a booking changed by hand: "your appointment has
 * changed" with the sessions booked now, or "your appointment is cancelled" when none is left.
 */
final class ConfirmationSheet {

    private ConfirmationSheet() {
    }

    static void draw(SheetCanvas c, MailPiece piece, LetterContext context) throws IOException {
        Catalog words = piece.catalog();
        LetterSheet.header(c, piece, context);
        // as large as fits above the sheet code: measured first, then drawn
        float shrink = 0;
        while (body(c, piece, context, shrink, false) > SheetMark.CODE_Y - 2 && shrink < (piece.largePrint() ? 4f : 3f)) {
            shrink += 0.5f;
        }
        body(c, piece, context, shrink, true);
        SheetMark.draw(c, piece.formCode(), 1, piece.sheets(), words.text("sheet.label", 1, piece.sheets()));
    }

    /** Lays out (and, when {@code draw}, draws) the letter's text {@code shrink} points smaller; returns where it ends. */
    private static double body(SheetCanvas c, MailPiece piece, LetterContext context, float shrink, boolean draw) throws IOException {
        Catalog words = piece.catalog();
        MunicipalityProperties from = context.municipality();
        boolean era = context.layout().japaneseEra();
        float titleSize = piece.largePrint() ? 20f : 16f;
        float bodySize = (piece.largePrint() ? 16f : 11f) - shrink;
        float keySize = (piece.largePrint() ? 18f : 13f) - shrink;
        double line = bodySize * 0.55;
        double margin = LetterSheet.MARGIN;
        double width = LetterSheet.TEXT_WIDTH;
        double y = LetterSheet.BODY_TOP;
        boolean changed = piece.kind() == MailPiece.Kind.CHANGE || piece.kind() == MailPiece.Kind.SITE_CHANGE;
        String kind = !changed ? "confirm" : piece.options().isEmpty() ? "cancel" : "change";
        if (draw) {
            c.text(margin, y, words.text(kind + ".title"), titleSize);
        }
        y += titleSize * 0.6;
        if (draw) {
            c.line(margin, y, 210 - margin, y, 0.3f);
        }
        y += line * 1.6;
        // the site's change comes with an apology; the resident's own, "as agreed with you"
        String body = (piece.kind() == MailPiece.Kind.SITE_CHANGE ? "site" : "") + kind + ".body";
        y = paragraph(c, words.text(body), bodySize, margin, y, width, draw) + line * 0.6;
        for (MailPiece.Option dose : piece.options()) {
            if (piece.options().size() > 1) {
                if (draw) {
                    c.text(margin, y, words.text("confirm.dose", dose.number()), bodySize);
                }
                y += line * 1.2;
            }
            // the date, time and place in large type: what the resident must not get wrong
            y = paragraph(c, words.text("confirm.when", words.session(dose.start(), dose.end(), era)), keySize, margin + 4, y,
                    width - 4, draw);
            y = paragraph(c, words.text("confirm.where", dose.siteName()), keySize, margin + 4, y, width - 4, draw);
            if (!dose.siteAddress().isBlank()) {
                y = paragraph(c, words.text("confirm.address", dose.siteAddress()), bodySize, margin + 4, y, width - 4, draw);
            }
            if (!dose.siteAccess().isBlank()) {
                y = paragraph(c, words.text("confirm.access", dose.siteAccess()), bodySize, margin + 4, y, width - 4, draw);
            }
            y += line * 0.8;
        }
        if (!piece.options().isEmpty()) {
            y = paragraph(c, words.text("confirm.bring"), bodySize, margin, y, width, draw) + line * 0.5;
        }
        if (!piece.options().isEmpty()) {
            // a cancellation letter already says to telephone for a new date
            y = paragraph(c, words.text("confirm.change"), bodySize, margin, y, width, draw);
        }
        return paragraph(c, words.text("letter.contact", from.department(), from.phone()), bodySize, margin, y, width, draw)
                - line + bodySize * 0.2;
    }

    /** Wrapped lines from {@code y}; returns where the next line goes. */
    private static double paragraph(SheetCanvas c, String text, float size, double x, double y, double width, boolean draw)
            throws IOException {
        double line = size * 0.55;
        for (String l : c.wrap(text, size, width)) {
            if (draw) {
                c.text(x, y, l, size);
            }
            y += line;
        }
        return y;
    }
}
