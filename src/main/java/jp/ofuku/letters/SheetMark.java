package jp.ofuku.letters;

import java.io.IOException;
import java.util.Optional;

import uk.org.okapibarcode.backend.DataMatrix;

/**
 * The small code on every sheet: which piece (form code) and "sheet k of n", in a DataMatrix
 * for machines and in words for people, so that an inserting machine or a person can prove
 * that no sheet went into another resident's envelope, and so a returned letter is known.
 */
public final class SheetMark {

    public static final String PREFIX = "OFS1";
    /** Top-left corner of the code on every sheet, in millimetres. */
    public static final double CODE_X = 28;
    public static final double CODE_Y = 297 - 12 - ReplyFormLayout.SHEET_CODE_SIZE;

    private SheetMark() {
    }

    public static String payload(FormCode code, int sheet, int sheets) {
        return PREFIX + ":" + code.digits() + ":" + sheet + ":" + sheets;
    }

    /** The human-readable line, also what the print-file check reads back: "ofuku 1000 0001 55 · 1/2". */
    public static String label(FormCode code, int sheet, int sheets) {
        return "ofuku " + code.printed() + " · " + sheet + "/" + sheets;
    }

    public static Optional<Mark> parse(String payload) {
        String[] p = payload.strip().split(":");
        if (p.length != 4 || !p[0].equals(PREFIX) || !p[2].matches("[0-9]") || !p[3].matches("[0-9]")) {
            return Optional.empty();
        }
        return FormCode.parse(p[1]).map(c -> new Mark(c, Integer.parseInt(p[2]), Integer.parseInt(p[3])));
    }

    static void draw(SheetCanvas canvas, FormCode code, int sheet, int sheets, String localLabel) throws IOException {
        DataMatrix symbol = new DataMatrix();
        // square modules: a rectangular symbol squeezed into a square does not decode
        symbol.setForceMode(DataMatrix.ForceMode.SQUARE);
        symbol.setQuietZoneHorizontal(0);
        symbol.setQuietZoneVertical(0);
        symbol.setContent(payload(code, sheet, sheets));
        double size = ReplyFormLayout.SHEET_CODE_SIZE;
        double x = CODE_X;
        double y = CODE_Y;
        canvas.symbol(symbol, x, y, size / symbol.getWidth(), size / symbol.getWidth());
        canvas.text(x + size + 3, y + size - 1.5, label(code, sheet, sheets) + "   " + localLabel, 7f);
    }

    public record Mark(FormCode code, int sheet, int sheets) {
    }
}
