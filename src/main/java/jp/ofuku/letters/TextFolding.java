package jp.ofuku.letters;

import java.util.List;

/**
 * Names and addresses as they will be printed for a resident whose letters are in a given
 * language: an ideographic variation sequence (葛 + U+E0100) is printed with its variant glyph
 * when a font of the language's chain has one, and folded to its base character (with a
 * warning in the run report) only when none has.
 */
public final class TextFolding {

    private TextFolding() {
    }

    public static String printable(String text, String language) {
        return chain(language).printable(text);
    }

    /** The variation sequences of the text that will be folded, e.g. "U+845B U+E0107 葛"; empty when none. */
    public static List<String> folded(String text, String language) {
        return chain(language).unprintableSequences(text);
    }

    private static FontChain chain(String language) {
        return new FontChain(null, Catalog.forTag(language).fonts());
    }
}
