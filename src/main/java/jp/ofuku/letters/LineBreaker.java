package jp.ofuku.letters;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Where lines of letter text break. Latin, Hangul and Vietnamese text breaks at spaces;
 * Japanese and Chinese may break between any two characters, except that the Japanese
 * line-breaking rules (禁則) keep closing punctuation, small kana and the prolonged sound
 * mark off the start of a line and opening brackets off its end. Japanese written with spaces
 * between its phrases (やさしい日本語: "あなたが えらんだ 日の なかから") breaks at those spaces
 * and after 、 and 。, never inside a phrase; a 、 or 。 at the end of a full line hangs past it. A word or phrase longer than a whole line is
 * broken between characters, never cut.
 */
final class LineBreaker {

    /** Never begins a line: closing brackets and punctuation, small kana, iteration and prolonged sound marks. */
    private static final String NO_BREAK_BEFORE = "、。，．,.）)」』】〉》］]｝}〕〙〗〟’”｠»ー々〻ゝゞヽヾ？！?!…‥：:；;・"
            + "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ゠〜～";

    /** Never ends a line: opening brackets and quotation marks. */
    private static final String NO_BREAK_AFTER = "（(「『【〈《［[｛{〔〘〖〝‘“｟«";

    /** May hang past the end of a line. */
    private static final String HANGING = "、。，．";

    /** In phrase-spaced Japanese, a line may also break after these. */
    private static final String BREAK_AFTER_IN_PHRASES = "、。";

    private LineBreaker() {
    }

    /** Lines of at most {@code maxWidth} (in the units of {@code width}); a line break in the text starts a new line. */
    static List<String> wrap(String text, ToDoubleFunction<String> width, double maxWidth) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n")) {
            StringBuilder line = new StringBuilder();
            double lineWidth = 0;
            for (String piece : pieces(paragraph)) {
                double pieceWidth = width.applyAsDouble(withoutHanging(piece.stripTrailing()));
                if (line.length() > 0 && lineWidth + pieceWidth > maxWidth) {
                    lines.add(line.toString().stripTrailing());
                    line.setLength(0);
                    lineWidth = 0;
                }
                if (line.length() == 0 && pieceWidth > maxWidth) {
                    lineWidth = breakBetweenCharacters(piece, width, maxWidth, line, lines);
                } else {
                    line.append(piece);
                    lineWidth += width.applyAsDouble(piece);
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        return List.copyOf(lines);
    }

    /** A 、 or 。 ending a line may hang past its end (ぶら下げ) rather than take its word to the next line. */
    private static String withoutHanging(String piece) {
        return !piece.isEmpty() && HANGING.indexOf(piece.charAt(piece.length() - 1)) >= 0 ? piece.substring(0, piece.length() - 1) : piece;
    }

    /** A piece too long for any line, over as many lines as it needs; the last, unfinished one is left in {@code line}. */
    private static double breakBetweenCharacters(String piece, ToDoubleFunction<String> width, double maxWidth,
            StringBuilder line, List<String> lines) {
        double lineWidth = 0;
        for (int cp : piece.codePoints().toArray()) {
            String c = new String(Character.toChars(cp));
            double w = width.applyAsDouble(c);
            boolean mayBreak = line.length() > 0 && NO_BREAK_BEFORE.indexOf(cp) < 0 && cp != ' ' && !FontChain.joinsPrevious(cp)
                    && NO_BREAK_AFTER.indexOf(line.codePointBefore(line.length())) < 0;
            if (mayBreak && lineWidth + w > maxWidth) {
                lines.add(line.toString());
                line.setLength(0);
                lineWidth = 0;
            }
            line.append(c);
            lineWidth += w;
        }
        return lineWidth;
    }

    /** The paragraph cut where a line may break; each piece keeps the spaces that follow it. */
    static List<String> pieces(String paragraph) {
        boolean phrases = phraseSpaced(paragraph);
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int previous = -1;
        for (int i = 0; i < paragraph.length(); i += Character.charCount(paragraph.codePointAt(i))) {
            int cp = paragraph.codePointAt(i);
            if (previous >= 0 && mayBreakBetween(previous, cp, phrases)) {
                pieces.add(paragraph.substring(start, i));
                start = i;
            }
            previous = cp;
        }
        if (start < paragraph.length()) {
            pieces.add(paragraph.substring(start));
        }
        return pieces;
    }

    private static boolean mayBreakBetween(int before, int after, boolean phrases) {
        if (isSpace(after) || FontChain.joinsPrevious(after)) {
            return false; // spaces stay at the end of the line they follow
        }
        if (isSpace(before)) {
            return true;
        }
        if (NO_BREAK_BEFORE.indexOf(after) >= 0 || NO_BREAK_AFTER.indexOf(before) >= 0) {
            return false;
        }
        if (!isCjk(before) && !isCjk(after)) {
            return false; // inside a Latin word or number
        }
        return !phrases || BREAK_AFTER_IN_PHRASES.indexOf(before) >= 0;
    }

    /** Japanese with spaces between short phrases: on average fewer than 12 Japanese characters between spaces. */
    static boolean phraseSpaced(String paragraph) {
        int cjk = 0;
        int spaces = 0;
        int previous = -1;
        for (int cp : paragraph.codePoints().toArray()) {
            if (isCjk(cp) && !isSpace(cp)) {
                cjk++;
            }
            if (isSpace(cp) && previous >= 0 && isCjk(previous)) {
                spaces++;
            }
            previous = cp;
        }
        return spaces >= 2 && cjk >= 8 && cjk <= 12 * (spaces + 1);
    }

    private static boolean isSpace(int cp) {
        return cp == ' ' || cp == 0x3000;
    }

    static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || cp == 0x3000 || (cp >= 0x3001 && cp <= 0x303F)
                || (cp >= 0xFF01 && cp <= 0xFF60);
    }
}
