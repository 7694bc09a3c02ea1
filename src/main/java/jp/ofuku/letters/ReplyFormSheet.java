package jp.ofuku.letters;

import java.io.IOException;
import java.util.List;

import uk.org.okapibarcode.backend.QrCode;

/**
 * Sheet 2: the reply form. Corner marks for alignment, the form code in large digits and in a
 * sealed QR code, one row per option (box, number, date, time, site on one line), the extra
 * boxes, the phone field and how to send it back.
 */
final class ReplyFormSheet {

    private ReplyFormSheet() {
    }

    static void draw(SheetCanvas c, MailPiece piece, LetterContext context) throws IOException {
        Catalog words = piece.catalog();
        ReplyFormLayout layout = new ReplyFormLayout(piece.largePrint(), piece.options().size());
        for (ReplyFormLayout.Box mark : layout.cornerMarks()) {
            c.fillRect(mark.x(), mark.y(), mark.size(), mark.size());
        }
        QrCode qr = new QrCode();
        qr.setPreferredEccLevel(QrCode.EccLevel.M);
        qr.setQuietZoneHorizontal(0);
        qr.setQuietZoneVertical(0);
        qr.setContent(context.seal().payload(piece.formCode(), context.layout().layoutVersion()));
        double module = ReplyFormLayout.QR_SIZE / qr.getWidth();
        c.symbol(qr, ReplyFormLayout.QR_X, ReplyFormLayout.QR_Y, module, module);

        double x = ReplyFormLayout.BOX_X;
        float small = layout.smallTextSize();
        c.text(x, 30, words.text("form.title"), piece.largePrint() ? 18f : 16f);
        // the digits start at a fixed place, whatever the language, so that OCR finds them
        float label = small;
        while (c.width(words.text("form.code"), label) > ReplyFormLayout.CODE_X - x - 3 && label > 7f) {
            label -= 0.5f;
        }
        c.text(x, ReplyFormLayout.CODE_BASELINE - 1.5, words.text("form.code"), label);
        c.text(ReplyFormLayout.CODE_X, ReplyFormLayout.CODE_BASELINE, piece.formCode().printed(), ReplyFormLayout.CODE_SIZE);
        double y = 47;
        for (String line : c.wrap(words.text("form.for", piece.name()), small, ReplyFormLayout.QR_X - x - 4)) {
            c.text(x, y, line, small);
            y += small * 0.45;
        }
        for (String line : c.wrap(words.text("form.address", piece.address()), small * 0.9f, ReplyFormLayout.QR_X - x - 4)) {
            c.text(x, y, line, small * 0.9f);
            y += small * 0.42;
        }
        y = Math.max(y + 1.5, 58);
        for (String line : c.wrap(words.text("form.instructions"), small, 210 - 2 * x)) {
            c.text(x, y, line, small);
            y += small * 0.45;
        }

        float size = layout.optionTextSize();
        for (MailPiece.Option option : piece.options()) {
            ReplyFormLayout.Box box = layout.optionBox(option.number());
            c.strokeRect(box.x(), box.y(), box.size(), box.size(), 0.35f);
            double baseline = layout.optionBaseline(option.number());
            String number = String.format("%2d", option.number());
            c.text(ReplyFormLayout.TEXT_X, baseline, number, size);
            c.text(ReplyFormLayout.TEXT_X + c.width("00", size) + 4, baseline,
                    words.session(option.start(), option.end(), context.layout().japaneseEra()) + "   " + option.siteName(), size);
        }

        extra(c, layout.noneBox(), words.text("form.none"), size);
        extra(c, layout.declineBox(), words.text("form.decline"), size);
        needs(c, layout, words, small);
        ReplyFormLayout.Field phone = layout.phoneField();
        c.text(x, phone.y() + phone.height() - 3, words.text("form.phone"), small);
        c.strokeRect(phone.x(), phone.y(), phone.width(), phone.height(), 0.3f);

        returnBlock(c, layout, words, context.municipality(), small);
        SheetMark.draw(c, piece.formCode(), 2, piece.sheets(), words.text("sheet.label", 2, piece.sheets()));
    }

    /** How to send the form back, and to whom: as large as fits above the sheet code at the foot of the page. */
    private static void returnBlock(SheetCanvas c, ReplyFormLayout layout, Catalog words, MunicipalityProperties from,
            float small) throws IOException {
        double x = ReplyFormLayout.BOX_X;
        double width = 210 - 2 * x;
        String sender = from.name() + " " + from.department() + "  〒" + from.postalCode() + " " + from.address();
        for (float size = small; ; size -= 0.5f) {
            List<String> lines = new java.util.ArrayList<>(c.wrap(words.text("form.return", from.fax()), size, width));
            lines.addAll(c.wrap(sender, size * 0.85f, width));
            double bottom = layout.returnTop() + (lines.size() - 1) * size * 0.45;
            if (bottom <= SheetMark.CODE_Y - 1.5 || size <= 7f) {
                double y = layout.returnTop();
                int senderFrom = lines.size() - c.wrap(sender, size * 0.85f, width).size();
                for (int i = 0; i < lines.size(); i++) {
                    c.text(x, y, lines.get(i), i < senderFrom ? size : size * 0.85f);
                    y += size * 0.45;
                }
                return;
            }
        }
    }

    private static void needs(SheetCanvas c, ReplyFormLayout layout, Catalog words, float small) throws IOException {
        c.text(ReplyFormLayout.BOX_X, layout.needsHeading(), words.text("form.needs"), small);
        String[] needs = {"form.needs.wheelchair", "form.needs.interpreter", "form.needs.large_print"};
        for (int i = 0; i < needs.length; i++) {
            ReplyFormLayout.Box box = layout.needBox(i);
            c.strokeRect(box.x(), box.y(), box.size(), box.size(), 0.35f);
            double labelWidth = ReplyFormLayout.NEED_COLUMN - box.size() - 4;
            List<String> label = c.wrap(words.text(needs[i]), small, labelWidth);
            float size = label.size() <= 2 ? small : small * 0.8f;
            label = c.wrap(words.text(needs[i]), size, labelWidth);
            double ly = box.y() + box.size() / 2 + (label.size() == 1 ? size * 0.35 / 2.83 : -0.3);
            for (String line : label) {
                c.text(box.x() + box.size() + 2, ly, line, size);
                ly += size * 0.42;
            }
        }
    }

    private static void extra(SheetCanvas c, ReplyFormLayout.Box box, String label, float size) throws IOException {
        c.strokeRect(box.x(), box.y(), box.size(), box.size(), 0.35f);
        double room = 210 - ReplyFormLayout.BOX_X - ReplyFormLayout.TEXT_X;
        while (c.width(label, size) > room && size > 9f) {
            size -= 0.5f;
        }
        c.text(ReplyFormLayout.TEXT_X, box.y() + box.size() / 2 + size * 0.35 / 2.83, label, size);
    }
}
