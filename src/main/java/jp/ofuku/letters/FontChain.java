package jp.ofuku.letters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Fonts tried in order for each character, for one document: the first that has a glyph
 * draws it. A document embeds only the fonts it used, each subset to the glyphs it used.
 *
 * <p>Text is drawn cluster by cluster (a character with its combining marks and variation
 * selector), and the text layer always gives back exactly the characters of the cluster:
 * where the glyph drawn would read back as something else (one glyph serving ・ and ·, a
 * precomposed ễ drawn for e + ̂ + ̃, the variant glyph of 葛 + U+E0100) the run carries its
 * actual text.
 */
public final class FontChain {

    private final PDDocument document;
    private final List<Path> order;
    private final Map<Path, PDType0Font> loaded = new HashMap<>();
    private final Map<Integer, Integer> fontOfCodePoint = new HashMap<>();
    private final Map<Long, Boolean> sharedGlyph = new HashMap<>();
    private final Map<Integer, Float> advances = new HashMap<>();
    private final Map<String, List<String>> wrapped = new HashMap<>();
    /** For each font, glyph → the one character shown with it in this document (see {@link #single}). */
    private final Map<Integer, Map<Integer, Integer>> owners = new HashMap<>();
    /** Variant glyphs drawn in this document, per font: glyph id → the sequence it stands for. */
    private final Map<PDType0Font, Map<Integer, String>> variants = new HashMap<>();

    public FontChain(PDDocument document, List<Path> order) {
        this.document = document;
        this.order = order;
    }

    /** Index in the chain of the font that draws {@code codePoint}, or -1 when none does. */
    int fontFor(int codePoint) {
        return fontOfCodePoint.computeIfAbsent(codePoint, cp -> {
            // kana (a Japanese name on a Korean or Chinese letter) come from the Japanese face: Nanum's
            // ・ is the narrow Latin middle dot, so キム・ミンジュン would not look as registered
            int japanese = order.indexOf(FontFiles.IPAEX_GOTHIC);
            if (isKana(cp) && japanese >= 0 && hasGlyph(FontFiles.get(FontFiles.IPAEX_GOTHIC), cp)) {
                return japanese;
            }
            for (int i = 0; i < order.size(); i++) {
                if (hasGlyph(FontFiles.get(order.get(i)), cp)) {
                    return i;
                }
            }
            return -1;
        });
    }

    private static boolean isKana(int cp) {
        return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xFF65 && cp <= 0xFF9F);
    }

    static boolean hasGlyph(TrueTypeFont font, int codePoint) {
        return glyphOf(font, codePoint) > 0;
    }

    private static int glyphOf(TrueTypeFont font, int codePoint) {
        try {
            return font.getUnicodeCmapLookup().getGlyphId(codePoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the glyph that font {@code index} draws for {@code codePoint} also serves another
     * character (・ and ·, a compatibility ideograph and its unified twin): a subset font's
     * ToUnicode map keeps one character per glyph, so the text layer would name the other one
     * unless the run says which character stands on the page.
     */
    boolean sharesGlyph(int index, int codePoint) {
        return sharedGlyph.computeIfAbsent(((long) index << 32) | codePoint, k -> {
            try {
                var cmap = FontFiles.get(order.get(index)).getUnicodeCmapLookup();
                List<Integer> codes = cmap.getCharCodes(cmap.getGlyphId(codePoint));
                return codes == null || codes.size() != 1 || codes.get(0) != codePoint;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The characters no font of the chain can draw (variation selectors are not drawn, they choose a glyph). */
    public List<String> missing(String text) {
        List<String> missing = new ArrayList<>();
        text.codePoints().filter(cp -> !Character.isWhitespace(cp) && !isVariationSelector(cp) && fontFor(cp) < 0).distinct()
                .forEach(cp -> missing.add(String.format("U+%04X %s", cp, new String(Character.toChars(cp)))));
        return missing;
    }

    /**
     * The text as it will be printed: a variation sequence no font of the chain has a glyph for
     * is folded to its base character (and counted in the report); every other sequence stays.
     */
    public String printable(String text) {
        if (!hasVariationSelector(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (String cluster : clusters(text)) {
            int selector = cluster.codePointBefore(cluster.length());
            out.append(isVariationSelector(selector) && variant(cluster) == null
                    ? cluster.substring(0, cluster.length() - Character.charCount(selector)) : cluster);
        }
        return out.toString();
    }

    /** The variation sequences of the text no font of the chain draws, e.g. "U+845B U+E0100 葛". */
    public List<String> unprintableSequences(String text) {
        if (!hasVariationSelector(text)) {
            return List.of();
        }
        Set<String> sequences = new LinkedHashSet<>();
        for (String cluster : clusters(text)) {
            if (isVariationSelector(cluster.codePointBefore(cluster.length())) && variant(cluster) == null) {
                StringBuilder name = new StringBuilder();
                cluster.codePoints().forEach(cp -> name.append(String.format("U+%04X ", cp)));
                sequences.add(name.append(cluster.codePoints().filter(cp -> !isVariationSelector(cp))
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)).toString());
            }
        }
        return List.copyOf(sequences);
    }

    /**
     * Splits text into runs, each drawn by one font, and each either read back exactly by the
     * font's ToUnicode map or marked as needing its actual text. Unknown characters are the
     * caller's to refuse first.
     */
    public List<Run> runs(String text) {
        List<Run> runs = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        int pendingFont = -2;
        boolean pendingActual = false;
        for (String cluster : clusters(text)) {
            Drawn drawn = drawn(cluster, pendingFont);
            boolean alone = drawn.glyph >= 0 || !drawn.shown.equals(cluster);
            if ((alone || drawn.font != pendingFont || drawn.actual != pendingActual) && pending.length() > 0) {
                runs.add(new Run(pending.toString(), pdFont(pendingFont), pendingActual, pending.toString(), -1));
                pending.setLength(0);
            }
            if (alone) {
                PDType0Font font = pdFont(drawn.font);
                if (drawn.glyph >= 0 && unmapped(drawn.font, drawn.glyph)) {
                    variants.computeIfAbsent(font, f -> new HashMap<>()).put(drawn.glyph, cluster);
                }
                runs.add(new Run(cluster, font, true, drawn.shown, drawn.glyph));
                pendingFont = drawn.font;
                pendingActual = true;
                continue;
            }
            pending.append(cluster);
            pendingFont = drawn.font;
            pendingActual = drawn.actual;
        }
        if (pending.length() > 0) {
            runs.add(new Run(pending.toString(), pdFont(pendingFont), pendingActual, pending.toString(), -1));
        }
        return runs;
    }

    /** How one cluster is drawn: by which font, as which characters or which glyph, and whether it needs its actual text. */
    private record Drawn(int font, String shown, int glyph, boolean actual) {
    }

    private Drawn drawn(String cluster, int currentFont) {
        int first = cluster.codePointAt(0);
        if (cluster.length() == Character.charCount(first)) {
            // a space stays in the run it is part of, when that run's font has it (U+3000 is not in Noto)
            if (Character.isWhitespace(first) && currentFont >= 0 && hasGlyph(FontFiles.get(order.get(currentFont)), first)) {
                return single(currentFont, first, cluster);
            }
            return single(Math.max(fontFor(first), 0), first, cluster);
        }
        int selector = cluster.codePointBefore(cluster.length());
        if (isVariationSelector(selector)) {
            int[] found = variant(cluster);
            if (found != null) {
                return new Drawn(found[0], cluster, found[1], true);
            }
            String base = cluster.substring(0, cluster.length() - Character.charCount(selector));
            return drawn(base, currentFont);
        }
        // a character with combining marks: drawn precomposed where a font has the composed character
        String composed = Normalizer.normalize(cluster, Normalizer.Form.NFC);
        int c = composed.codePointAt(0);
        if (composed.length() == Character.charCount(c) && fontFor(c) >= 0) {
            return single(fontFor(c), c, cluster);
        }
        return new Drawn(Math.max(fontFor(first), 0), cluster, -1, true);
    }

    /**
     * One character {@code codePoint} drawn for {@code cluster}. A glyph that serves several
     * characters is shown, in this document, as the first of them drawn (its "owner", which the
     * font's ToUnicode map will then name, PDFBox mapping a glyph to the characters shown with
     * it); any other character drawn with it is drawn by glyph id with its actual text, so that
     * the map never has to choose. The common case (a space, 一, ～) needs no actual text at all.
     */
    private Drawn single(int font, int codePoint, String cluster) {
        boolean exact = cluster.length() == Character.charCount(codePoint) && cluster.codePointAt(0) == codePoint;
        if (sharesGlyph(font, codePoint)) {
            int glyph = glyphOf(FontFiles.get(order.get(font)), codePoint);
            Integer owner = owners.computeIfAbsent(font, k -> new HashMap<>()).putIfAbsent(glyph, codePoint);
            if (owner != null && owner != codePoint) {
                return new Drawn(font, cluster, glyph, true);
            }
        }
        return new Drawn(font, new String(Character.toChars(codePoint)), -1, !exact);
    }

    /** Whether no character of the font's Unicode cmap is drawn by the glyph (so its ToUnicode map will not name it). */
    private boolean unmapped(int index, int glyph) {
        try {
            return FontFiles.get(order.get(index)).getUnicodeCmapLookup().getCharCodes(glyph) == null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {font index, glyph id} of the first font that has a glyph for the cluster's variation sequence, or null. */
    private int[] variant(String cluster) {
        int base = cluster.codePointAt(0);
        int selector = cluster.codePointBefore(cluster.length());
        if (cluster.length() != Character.charCount(base) + Character.charCount(selector)) {
            return null;
        }
        for (int i = 0; i < order.size(); i++) {
            TrueTypeFont font = FontFiles.get(order.get(i));
            OptionalInt glyph = VariationSequences.of(font).glyph(base, selector, glyphOf(font, base));
            if (glyph.isPresent()) {
                return new int[] {i, glyph.getAsInt()};
            }
        }
        return null;
    }

    /** A character with the combining marks and variation selector that follow it. */
    static List<String> clusters(String text) {
        List<String> clusters = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (i > start && !joinsPrevious(cp)) {
                clusters.add(text.substring(start, i));
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start < text.length()) {
            clusters.add(text.substring(start));
        }
        return clusters;
    }

    /** Combining marks and variation selectors belong to the character before them: no line break, one cluster. */
    static boolean joinsPrevious(int cp) {
        int type = Character.getType(cp);
        return isVariationSelector(cp) || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private static boolean hasVariationSelector(String text) {
        return text.codePoints().anyMatch(FontChain::isVariationSelector);
    }

    static boolean isVariationSelector(int cp) {
        return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
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
        if (f >= 0 && !isVariationSelector(codePoint)) {
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

    /** Variant glyphs drawn so far that no character maps to, per font: glyph id → the sequence it stands for. */
    Map<PDType0Font, Map<Integer, String>> variants() {
        return variants;
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

    /**
     * Text drawn by one font: {@code shown} is what is drawn (the text itself, or its
     * precomposed form), {@code glyph} a variant glyph drawn by its id (else -1), and
     * {@code actualText} when the glyphs alone would not say which characters {@code text} are.
     */
    public record Run(String text, PDType0Font font, boolean actualText, String shown, int glyph) {
    }
}
