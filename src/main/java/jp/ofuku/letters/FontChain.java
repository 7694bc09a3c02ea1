package jp.ofuku.letters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Fonts tried in order for each character, for one document: the first that has a glyph
 * draws it. A document embeds only the fonts it used, each subset to the glyphs it used.
 */
public final class FontChain {

    private final PDDocument document;
    private final List<Path> order;
    private final Map<Path, PDType0Font> loaded = new HashMap<>();
    private final Map<Integer, Integer> fontOfCodePoint = new HashMap<>();
    private final Map<Integer, Float> advances = new HashMap<>();
    private final Map<String, List<String>> wrapped = new HashMap<>();

    public FontChain(PDDocument document, List<Path> order) {
        this.document = document;
        this.order = order;
    }

    /** Index in the chain of the font that draws {@code codePoint}, or -1 when none does. */
    int fontFor(int codePoint) {
        return fontOfCodePoint.computeIfAbsent(codePoint, cp -> {
            for (int i = 0; i < order.size(); i++) {
                if (hasGlyph(FontFiles.get(order.get(i)), cp)) {
                    return i;
                }
            }
            return -1;
        });
    }

    static boolean hasGlyph(TrueTypeFont font, int codePoint) {
        try {
            return font.getUnicodeCmapLookup().getGlyphId(codePoint) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The characters no font of the chain can draw. */
    public List<String> missing(String text) {
        List<String> missing = new ArrayList<>();
        text.codePoints().filter(cp -> !Character.isWhitespace(cp) && fontFor(cp) < 0).distinct()
                .forEach(cp -> missing.add(String.format("U+%04X %s", cp, new String(Character.toChars(cp)))));
        return missing;
    }

    /** Splits text into runs, each drawn by one font. Unknown characters are the caller's to refuse first. */
    public List<Run> runs(String text) {
        List<Run> runs = new ArrayList<>();
        int runStart = 0;
        int current = -2;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int f = Character.isWhitespace(cp) && current >= 0 ? current : fontFor(cp);
            if (f < 0) {
                f = 0;
            }
            if (f != current && i > runStart) {
                runs.add(new Run(text.substring(runStart, i), pdFont(current)));
                runStart = i;
            }
            current = f;
            i += Character.charCount(cp);
        }
        if (runStart < text.length()) {
            runs.add(new Run(text.substring(runStart), pdFont(current)));
        }
        return runs;
    }

    /** Width of the text at {@code size} points: the sum of each character's advance in the font that draws it. */
    public float width(String text, float size) {
        float units = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            units += advance(cp);
            i += Character.charCount(cp);
        }
        return units / 1000f * size;
    }

    private float advance(int codePoint) {
        Float known = advances.get(codePoint);
        if (known != null) {
            return known;
        }
        int f = fontFor(codePoint);
        float w = 0;
        if (f >= 0) {
            try {
                w = pdFont(f).getStringWidth(new String(Character.toChars(codePoint)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        advances.put(codePoint, w);
        return w;
    }

    /** Wrapped lines already computed for this document (letter texts repeat for every resident). */
    Map<String, java.util.List<String>> wrapped() {
        return wrapped;
    }

    private PDType0Font pdFont(int index) {
        Path file = order.get(Math.max(index, 0));
        return loaded.computeIfAbsent(file, f -> {
            try {
                return PDType0Font.load(document, FontFiles.get(f), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public record Run(String text, PDType0Font font) {
    }
}
