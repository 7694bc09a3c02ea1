package jp.ofuku.letters;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import uk.org.okapibarcode.backend.JapanPost;

/**
 * Sheet 1: the letter. The address block sits in the envelope window (長形3号, A4 folded in
 * three); the name is printed whole, shrinking to the minimum size and then wrapping.
 */
final class LetterSheet {

    /** Japan Post customer barcode: bar pitch 1.2 mm (okapi's unit is half a pitch), long bar 3.6 mm. */
    private static final double BAR_UNIT_X = 0.6;
    private static final double BAR_UNIT_Y = 3.6 / 8;
    static final double MARGIN = 22;
    static final double TEXT_WIDTH = 210 - 2 * MARGIN;

    private LetterSheet() {
    }

    static void draw(SheetCanvas c, MailPiece piece, LetterContext context) throws IOException {
        Catalog words = piece.catalog();
        header(c, piece, context);
        MunicipalityProperties from = context.municipality();
        LetterProperties layout = context.layout();
        float titleSize = piece.largePrint() ? 20f : 16f;
        float bodySize = piece.largePrint() ? 16f : 11f;
        double line = bodySize * 0.55;
        double y = 78;
        boolean again = piece.kind() == MailPiece.Kind.NEW_DATES;
        c.text(MARGIN, y, words.text(again ? "newdates.title" : "letter.title"), titleSize);
        y += titleSize * 0.6;
        c.line(MARGIN, y, 210 - MARGIN, y, 0.3f);
        y += line * 1.6;
        for (String l : c.wrap(words.text(again ? "newdates.body" : "letter.body"), bodySize, TEXT_WIDTH)) {
            c.text(MARGIN, y, l, bodySize);
            y += line;
        }
        y += line * 0.8;
        for (String l : c.wrap(words.text("letter.reply.by", words.date(context.replyBy(), layout.japaneseEra())), bodySize, TEXT_WIDTH)) {
            c.text(MARGIN, y, l, bodySize);
            y += line;
        }
        // a fax keeps a light pencil line only in part, or loses it: such a form goes to a person, or is not an answer at all
        for (String l : c.wrap(words.text("letter.pen"), bodySize, TEXT_WIDTH)) {
            c.text(MARGIN, y, l, bodySize);
            y += line;
        }
        y += line * 0.5;
        for (String l : c.wrap(words.text("letter.contact", from.department(), from.phone()), bodySize, TEXT_WIDTH)) {
            c.text(MARGIN, y, l, bodySize);
            y += line;
        }
        SheetMark.draw(c, piece.formCode(), 1, piece.sheets(), words.text("sheet.label", 1, piece.sheets()));
    }

    static final double BODY_TOP = 78;

    /**
     * The top of every letter: the resident's address block in the envelope window (postal code,
     * address, name whole, customer barcode) and the sender with the date on the right.
     */
    static void header(SheetCanvas c, MailPiece piece, LetterContext context) throws IOException {
        Catalog words = piece.catalog();
        LetterProperties layout = context.layout();
        double x = layout.windowX() + 3;
        double y = layout.windowY() + 6;
        double width = layout.windowWidth() - 6;
        c.text(x, y, "〒" + piece.postalCode(), 10.5f);
        y += 5.5;
        for (String line : c.wrap(piece.address(), 10.5f, width)) {
            c.text(x, y, line, 10.5f);
            y += 4.8;
        }
        y += 2.5;
        NameLines name = fitName(c, words.text("letter.salutation", piece.name()), width, layout.nameMinSize());
        for (String line : name.lines()) {
            y += name.size() * 0.42;
            c.text(x, y, line, name.size());
        }
        Optional<String> barcode = CustomerBarcode.data(piece.postalCode(), piece.address());
        if (barcode.isPresent()) {
            JapanPost symbol = new JapanPost();
            symbol.setQuietZoneHorizontal(0);
            symbol.setQuietZoneVertical(0);
            symbol.setContent(barcode.get());
            double barTop = Math.max(y + 2.5, layout.windowY() + layout.windowHeight() - 7);
            c.symbol(symbol, x, barTop, BAR_UNIT_X, BAR_UNIT_Y);
        }

        MunicipalityProperties from = context.municipality();
        double sx = 128;
        c.text(sx, 20, from.name(), 11f);
        c.text(sx, 25, from.department(), 9f);
        c.text(sx, 29.5, "〒" + from.postalCode() + " " + from.address(), 8f);
        c.text(sx, 34, "TEL " + from.phone() + "   FAX " + from.fax(), 8f);
        c.text(sx, 41, words.date(context.letterDate(), layout.japaneseEra()), 9f);
    }

    /** The name at the largest size from 14 pt down to the minimum that fits one line; below that, wrapped. */
    static NameLines fitName(SheetCanvas c, String name, double width, float minSize) {
        for (float size = 14f; size >= minSize; size -= 0.5f) {
            if (c.width(name, size) <= width) {
                return new NameLines(List.of(name), size);
            }
        }
        return new NameLines(c.wrap(name, minSize, width), minSize);
    }

    record NameLines(List<String> lines, float size) {
    }
}
