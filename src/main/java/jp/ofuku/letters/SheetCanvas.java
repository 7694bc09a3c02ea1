package jp.ofuku.letters;

import java.io.IOException;
import java.util.List;
import java.util.Set;

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
            if (run.actualText()) {
                content.appendRawCommands("/Span <</ActualText " + ActualText.hex(run.text()) + ">> BDC\n");
            }
            content.setFont(run.font(), size);
            if (run.glyph() >= 0) {
                run.font().addGlyphsToSubset(Set.of(run.glyph()));
                content.appendRawCommands(ActualText.hexBytes(run.font().encodeGlyphId(run.glyph())) + " Tj\n");
            } else {
                content.showText(run.shown());
            }
            if (run.actualText()) {
                content.endMarkedContent();
            }
        }
        content.endText();
        content.endMarkedContent();
    }

    /** Width in mm. */
    double width(String text, float size) {
        return fonts.width(text, size) / PT_PER_MM;
    }

    /** Lines of at most {@code maxWidth} mm, broken where {@link LineBreaker} allows. */
    List<String> wrap(String text, float size, double maxWidth) {
        return fonts.wrapped().computeIfAbsent(size + "|" + maxWidth + "|" + text,
                k -> LineBreaker.wrap(text, piece -> width(piece, size), maxWidth));
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
