package jp.ofuku.letters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

import uk.org.okapibarcode.backend.Symbol;
import uk.org.okapibarcode.graphics.Rectangle;

/**
 * One A4 page drawn in millimetres from its top-left corner, as layouts are measured. Text
 * goes through the font chain, so every character is drawn by a font that has it.
 */
final class SheetCanvas implements AutoCloseable {

    static final float PT_PER_MM = 72f / 25.4f;
    static final float PAGE_W = 210;
    static final float PAGE_H = 297;

    private final PDPageContentStream content;
    private final FontChain fonts;
    private final Tagging.Sheet tags;

    SheetCanvas(PDDocument document, FontChain fonts, Tagging tagging, String language) throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        this.content = new PDPageContentStream(document, page);
        this.fonts = fonts;
        this.tags = tagging.sheet(page, language);
    }

    FontChain fonts() {
        return fonts;
    }

    /** Text with its baseline at {@code y} mm from the top. */
    void text(double x, double y, String text, float size) throws IOException {
        content.beginMarkedContent(COSName.P, tags.nextText());
        content.beginText();
        content.newLineAtOffset(pt(x), pt(PAGE_H - y));
        for (FontChain.Run run : fonts.runs(text)) {
            content.setFont(run.font(), size);
            content.showText(run.text());
        }
        content.endText();
        content.endMarkedContent();
    }

    /** Right-aligned text ending at {@code right} mm. */
    void textRight(double right, double y, String text, float size) throws IOException {
        text(right - fonts.width(text, size) / PT_PER_MM, y, text, size);
    }

    /** Width in mm. */
    double width(String text, float size) {
        return fonts.width(text, size) / PT_PER_MM;
    }

    /** Lines of at most {@code maxWidth} mm, breaking at spaces where there are any, else between characters. */
    List<String> wrap(String text, float size, double maxWidth) {
        return fonts.wrapped().computeIfAbsent(size + "|" + maxWidth + "|" + text, k -> wrapUncached(text, size, maxWidth));
    }

    private List<String> wrapUncached(String text, float size, double maxWidth) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n")) {
            StringBuilder line = new StringBuilder();
            double lineWidth = 0;
            int i = 0;
            while (i < paragraph.length()) {
                int end = nextBreak(paragraph, i);
                String piece = paragraph.substring(i, end);
                double pieceWidth = width(piece, size);
                if (line.length() > 0 && lineWidth + pieceWidth > maxWidth && !startsWithNoBreakBefore(piece)) {
                    lines.add(line.toString().stripTrailing());
                    line.setLength(0);
                    piece = piece.stripLeading();
                    pieceWidth = width(piece, size);
                    lineWidth = 0;
                }
                if (line.length() == 0 && pieceWidth > maxWidth) {
                    // a single word wider than the line: break it between characters, never cut it
                    for (int cp : piece.codePoints().toArray()) {
                        String c = new String(Character.toChars(cp));
                        double w = width(c, size);
                        if (line.length() > 0 && lineWidth + w > maxWidth) {
                            lines.add(line.toString());
                            line.setLength(0);
                            lineWidth = 0;
                        }
                        line.append(c);
                        lineWidth += w;
                    }
                } else {
                    line.append(piece);
                    lineWidth += pieceWidth;
                }
                i = end;
            }
            lines.add(line.toString().stripTrailing());
        }
        return List.copyOf(lines);
    }

    /** Japanese line-breaking rule (禁則): these never begin a line; they stay at the end of the one before. */
    private static final String NO_BREAK_BEFORE = "、。，．,.）)」』】〉》］}ー々ゝゞ？！?!…：:；;・";

    private static boolean startsWithNoBreakBefore(String piece) {
        return !piece.isEmpty() && NO_BREAK_BEFORE.indexOf(piece.charAt(0)) >= 0;
    }

    /** Latin text breaks after spaces; CJK text may break after any character. */
    private static int nextBreak(String s, int from) {
        int cp = s.codePointAt(from);
        int end = from + Character.charCount(cp);
        if (isCjk(cp)) {
            return end;
        }
        while (end < s.length()) {
            int next = s.codePointAt(end);
            if (next == ' ' || isCjk(next)) {
                return next == ' ' ? end + 1 : end;
            }
            end += Character.charCount(next);
        }
        return end;
    }

    private static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || cp == 0x3000 || (cp >= 0x3001 && cp <= 0x303F)
                || (cp >= 0xFF01 && cp <= 0xFF60);
    }

    void strokeRect(double x, double y, double w, double h, float lineWidthMm) throws IOException {
        content.beginMarkedContent(COSName.ARTIFACT);
        content.setLineWidth(lineWidthMm * PT_PER_MM);
        content.addRect(pt(x), pt(PAGE_H - y - h), pt(w), pt(h));
        content.stroke();
        content.endMarkedContent();
    }

    void fillRect(double x, double y, double w, double h) throws IOException {
        content.beginMarkedContent(COSName.ARTIFACT);
        content.addRect(pt(x), pt(PAGE_H - y - h), pt(w), pt(h));
        content.fill();
        content.endMarkedContent();
    }

    void line(double x1, double y1, double x2, double y2, float lineWidthMm) throws IOException {
        content.beginMarkedContent(COSName.ARTIFACT);
        content.setLineWidth(lineWidthMm * PT_PER_MM);
        content.moveTo(pt(x1), pt(PAGE_H - y1));
        content.lineTo(pt(x2), pt(PAGE_H - y2));
        content.stroke();
        content.endMarkedContent();
    }

    /** An okapi symbol scaled so that one module unit is {@code unitX} by {@code unitY} mm. */
    void symbol(Symbol symbol, double x, double y, double unitX, double unitY) throws IOException {
        content.beginMarkedContent(COSName.ARTIFACT);
        for (Rectangle r : symbol.getRectangles()) {
            content.addRect(pt(x + r.x * unitX), pt(PAGE_H - y - (r.y + r.height) * unitY), pt(r.width * unitX),
                    pt(r.height * unitY));
        }
        content.fill();
        content.endMarkedContent();
    }

    static float pt(double mm) {
        return (float) (mm * PT_PER_MM);
    }

    @Override
    public void close() throws IOException {
        content.close();
    }
}
