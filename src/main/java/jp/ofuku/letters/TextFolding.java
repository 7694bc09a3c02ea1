package jp.ofuku.letters;

/**
 * Variation selectors (the IVS of 葛󠄀 and the like) are folded to their base character: the
 * fonts draw the base glyph, and a letter's run report warns about each resident concerned.
 */
public final class TextFolding {

    private TextFolding() {
    }

    public static boolean hasVariationSelector(String text) {
        return text.codePoints().anyMatch(TextFolding::isVariationSelector);
    }

    public static String foldVariationSelectors(String text) {
        if (!hasVariationSelector(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(cp -> !isVariationSelector(cp)).forEach(out::appendCodePoint);
        return out.toString();
    }

    static boolean isVariationSelector(int cp) {
        return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
    }
}
