package jp.ofuku.letters;

import java.io.IOException;

import java.util.ArrayDeque;
import java.util.Deque;

import org.apache.pdfbox.contentstream.PDFStreamEngine;
import org.apache.pdfbox.contentstream.operator.markedcontent.BeginMarkedContentSequence;
import org.apache.pdfbox.contentstream.operator.markedcontent.BeginMarkedContentSequenceWithProperties;
import org.apache.pdfbox.contentstream.operator.markedcontent.EndMarkedContentSequence;
import org.apache.pdfbox.contentstream.operator.text.BeginText;
import org.apache.pdfbox.contentstream.operator.text.EndText;
import org.apache.pdfbox.contentstream.operator.text.MoveText;
import org.apache.pdfbox.contentstream.operator.text.MoveTextSetLeading;
import org.apache.pdfbox.contentstream.operator.text.NextLine;
import org.apache.pdfbox.contentstream.operator.text.SetFontAndSize;
import org.apache.pdfbox.contentstream.operator.text.SetTextLeading;
import org.apache.pdfbox.contentstream.operator.text.ShowText;
import org.apache.pdfbox.contentstream.operator.text.ShowTextAdjusted;
import org.apache.pdfbox.contentstream.operator.text.ShowTextLine;
import org.apache.pdfbox.contentstream.operator.text.ShowTextLineAndSpace;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

/**
 * The characters a page shows, in the order its content stream shows them, decoded through
 * each font's ToUnicode map as any text extractor would, without PDFTextStripper's layout
 * analysis (which cost more than drawing the page). A marked-content span with ActualText reads
 * as that text, its glyphs not at all, as screen readers and poppler read it. Enough to prove
 * what a sheet carries.
 */
final class PageText extends PDFStreamEngine {

    private final StringBuilder text = new StringBuilder();
    /** For each open marked-content sequence: whether it replaces its glyphs by its ActualText. */
    private final Deque<Boolean> spans = new ArrayDeque<>();
    private int replacing;

    PageText() {
        addOperator(new BeginText(this));
        addOperator(new EndText(this));
        addOperator(new SetFontAndSize(this));
        addOperator(new ShowText(this));
        addOperator(new ShowTextAdjusted(this));
        addOperator(new ShowTextLine(this));
        addOperator(new ShowTextLineAndSpace(this));
        addOperator(new MoveText(this));
        addOperator(new MoveTextSetLeading(this));
        addOperator(new NextLine(this));
        addOperator(new SetTextLeading(this));
        addOperator(new BeginMarkedContentSequence(this));
        addOperator(new BeginMarkedContentSequenceWithProperties(this));
        addOperator(new EndMarkedContentSequence(this));
    }

    String of(PDPage page) throws IOException {
        text.setLength(0);
        spans.clear();
        replacing = 0;
        processPage(page);
        return text.toString();
    }

    @Override
    public void beginMarkedContentSequence(COSName tag, COSDictionary properties) {
        String actual = properties == null ? null : properties.getString(COSName.ACTUAL_TEXT);
        boolean replaces = actual != null && replacing == 0;
        if (replaces) {
            text.append(actual);
        }
        spans.push(replaces);
        replacing += replaces ? 1 : 0;
    }

    @Override
    public void endMarkedContentSequence() {
        if (!spans.isEmpty() && spans.pop()) {
            replacing--;
        }
    }

    @Override
    protected void showGlyph(Matrix textRenderingMatrix, PDFont font, int code, Vector displacement) throws IOException {
        if (replacing > 0) {
            return;
        }
        String unicode = font.toUnicode(code);
        text.append(unicode == null ? "\uFFFD" : unicode);
    }
}
