package jp.ofuku.letters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

class LineBreakerTest {

    /** Full-width characters one unit wide, everything else half. */
    private static final ToDoubleFunction<String> WIDTH = s -> s.codePoints()
            .mapToDouble(cp -> LineBreaker.isCjk(cp) || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL ? 1 : 0.5)
            .sum();

    private static List<String> wrap(String text, double width) {
        List<String> lines = LineBreaker.wrap(text, WIDTH, width);
        assertThat(String.join("", lines).replace(" ", "").replace("\u3000", ""))
                .as("nothing lost or added").isEqualTo(text.replace("\n", "").replace(" ", "").replace("\u3000", ""));
        assertThat(lines).allSatisfy(l -> assertThat(WIDTH.applyAsDouble(l)).as(l).isLessThanOrEqualTo(width + 1));
        return lines;
    }

    @Test
    void easyJapaneseBreaksBetweenPhrasesNotInsideAWord() {
        String text = "この 日に 会場へ きてください。もってくるもの: この てがみ、うんてんめんきょしょう など";
        List<String> lines = wrap(text, 12);
        for (String line : lines.subList(1, lines.size())) {
            assertThat(line).doesNotStartWith("い").doesNotStartWith("ょ").doesNotStartWith("。");
        }
        assertThat(lines).contains("この 日に 会場へ", "きてください。");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("うんてんめんきょしょう"));
    }

    @Test
    void japaneseBreaksBetweenAnyCharactersButKeepsTheLineBreakingRules() {
        // 11 characters a line: the 12th, 。 or a small kana, stays with the line before
        List<String> lines = wrap("あいうえおかきくけこさ。しすせそたちつてとなっにぬねのはひふへほま「みむ", 11);
        assertThat(lines.get(0)).isEqualTo("あいうえおかきくけこさ。");
        assertThat(lines.get(1)).isEqualTo("しすせそたちつてとなっ");
        // an opening bracket never ends a line
        assertThat(lines.get(2)).isEqualTo("にぬねのはひふへほま");
        assertThat(lines.get(3)).startsWith("「み");
        // two spaces in a long sentence do not make it "phrase-spaced"
        assertThat(LineBreaker.phraseSpaced("健康推進課 ワクチン接種係(電話 0436-00-1234)までお問い合わせください。接種券をお持ちください。")).isFalse();
        assertThat(LineBreaker.phraseSpaced("あなたが えらんだ 日の なかから、つぎの 日に よやくしました。")).isTrue();
    }

    @Test
    void latinHangulAndVietnameseBreakAtSpacesAndAWordLongerThanALineIsBrokenNotCut() {
        assertThat(wrap("Please bring this letter and your card.", 5)).containsExactly("Please", "bring this", "letter and", "your card.");
        assertThat(wrap("신분증과 이 편지를 가져오십시오.", 7)).containsExactly("신분증과 이", "편지를", "가져오십시오.");
        assertThat(wrap("Xin mang theo thư này.", 4)).containsExactly("Xin mang", "theo thư", "này.");
        assertThat(wrap("Telephone: 0436-00-1234", 6)).containsExactly("Telephone:", "0436-00-1234");
        assertThat(wrap("Pneumonoultramicroscopic", 6)).containsExactly("Pneumonoultr", "amicroscopic");
        assertThat(wrap("line one\nline two", 20)).containsExactly("line one", "line two");
    }
}
