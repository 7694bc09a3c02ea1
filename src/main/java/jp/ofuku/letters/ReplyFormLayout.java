package jp.ofuku.letters;

import java.util.List;

/**
 * Where everything is on the reply form, in millimetres from the page's top-left corner.
 * The reader of replies uses the same numbers to find the boxes on a scan.
 */
public record ReplyFormLayout(boolean largePrint, int options) {

    public static final double CORNER_MARK = 7;
    public static final double CORNER_MARGIN = 12;
    public static final double QR_SIZE = 26;
    public static final double QR_X = 210 - CORNER_MARGIN - 8 - QR_SIZE;
    public static final double QR_Y = CORNER_MARGIN + 10;
    public static final double BOX = 8;
    public static final double BOX_X = 24;
    public static final double TEXT_X = BOX_X + BOX + 4;
    public static final double SHEET_CODE_SIZE = 9;
    /** The printed form code: where its digits start, its baseline and size; read by OCR when the QR code is not. */
    public static final double CODE_X = 72;
    public static final double CODE_BASELINE = 39.5;
    public static final float CODE_SIZE = 18f;

    /** The strip the printed form code lies in, for OCR: nothing else is printed there. */
    public static Field codeStrip() {
        return new Field(CODE_X - 2, CODE_BASELINE - 7.5, QR_X - 3 - (CODE_X - 2), 9.5);
    }

    /** Every box a resident may mark: the options, "none of these", "decline" and the three needs. */
    public List<Box> allBoxes() {
        List<Box> all = new java.util.ArrayList<>();
        for (int k = 1; k <= options(); k++) {
            all.add(optionBox(k));
        }
        all.add(noneBox());
        all.add(declineBox());
        for (int i = 0; i < 3; i++) {
            all.add(needBox(i));
        }
        return all;
    }

    /** The four solid corner marks, each as its top-left corner. */
    public List<Box> cornerMarks() {
        double far = 210 - CORNER_MARGIN - CORNER_MARK;
        double bottom = 297 - CORNER_MARGIN - CORNER_MARK;
        return List.of(new Box(CORNER_MARGIN, CORNER_MARGIN, CORNER_MARK), new Box(far, CORNER_MARGIN, CORNER_MARK),
                new Box(CORNER_MARGIN, bottom, CORNER_MARK), new Box(far, bottom, CORNER_MARK));
    }

    public float optionTextSize() {
        return largePrint ? 16f : 12.5f;
    }

    public float smallTextSize() {
        return largePrint ? 13f : 10f;
    }

    public double rowHeight() {
        return 11;
    }

    public double firstRowTop() {
        return 72;
    }

    /** The box of option k (1-based). */
    public Box optionBox(int k) {
        return new Box(BOX_X, firstRowTop() + (k - 1) * rowHeight() + (rowHeight() - BOX) / 2, BOX);
    }

    /** Baseline of option k's text. */
    public double optionBaseline(int k) {
        return optionBox(k).y() + BOX / 2 + optionTextSize() * 0.35 / 2.83;
    }

    private double extrasTop() {
        return firstRowTop() + options * rowHeight() + 5;
    }

    public Box noneBox() {
        return new Box(BOX_X, extrasTop(), BOX);
    }

    public Box declineBox() {
        return new Box(BOX_X, extrasTop() + rowHeight(), BOX);
    }

    /** Baseline of the "needs" heading, above the row of needs boxes. */
    public double needsHeading() {
        return extrasTop() + 2 * rowHeight() + 4;
    }

    /** Needs boxes on one row, in columns of {@link #NEED_COLUMN} mm: wheelchair, interpreter, large print. */
    public Box needBox(int i) {
        return new Box(BOX_X + i * NEED_COLUMN, needsHeading() + 2, BOX);
    }

    public static final double NEED_COLUMN = 54;

    public double phoneTop() {
        return needsHeading() + 2 + rowHeight() + 1;
    }

    /** The field residents write a phone number in: kept as an image for staff, never read. */
    public Field phoneField() {
        return new Field(BOX_X + 100, phoneTop() - 1, 62, largePrint ? 11 : 10);
    }

    public double returnTop() {
        return phoneTop() + phoneField().height() + 6;
    }

    /** A square in millimetres: its top-left corner and side. */
    public record Box(double x, double y, double size) {
    }

    /** A rectangle in millimetres. */
    public record Field(double x, double y, double width, double height) {
    }
}
