package jp.ofuku.letters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

import jp.ofuku.registry.Language;

class CatalogTest {

    @Test
    void everyLanguageHasEveryMessageAndItsFontsDrawEveryCharacterOfIt() {
        // date.era.pattern is Japanese only: the era year is a Japanese way of writing dates
        var keys = Catalog.of(Language.JA).keys().stream().filter(k -> !k.equals("date.era.pattern")).toList();
        for (Language language : Language.values()) {
            Catalog catalog = Catalog.of(language);
            assertThat(catalog.keys()).as(language.tag()).containsAll(keys);
            FontChain fonts = new FontChain(null, catalog.fonts());
            for (String key : keys) {
                assertThat(fonts.missing(catalog.text(key))).as(language.tag() + " " + key).isEmpty();
            }
            String session = catalog.session(LocalDateTime.of(2027, 1, 12, 9, 30), LocalDateTime.of(2027, 1, 12, 12, 0));
            assertThat(fonts.missing(session)).isEmpty();
            assertThat(session).contains("12");
        }
    }

    @Test
    void datesAreWrittenAsEachLanguageWritesThem() {
        LocalDateTime start = LocalDateTime.of(2027, 1, 12, 9, 30);
        LocalDateTime end = LocalDateTime.of(2027, 1, 12, 12, 0);
        assertThat(Catalog.of(Language.JA).session(start, end)).isEqualTo("2027年1月12日(火)  9:30～12:00");
        assertThat(Catalog.of(Language.EN).session(start, end)).isEqualTo("Tue 12 Jan 2027  9:30–12:00");
        assertThat(Catalog.of(Language.KO).session(start, end)).isEqualTo("2027년 1월 12일 (화)  9:30~12:00");
        assertThat(Catalog.of(Language.PT).session(start, end)).isEqualTo("ter., 12/01/2027  9h30–12h00");
        assertThat(Catalog.of(Language.ZH_HANS).date(LocalDate.of(2027, 1, 12))).isEqualTo("2027年1月12日 周二");
        assertThat(Catalog.of(Language.VI).date(LocalDate.of(2027, 1, 12))).startsWith("Thứ Ba");
        assertThat(Catalog.of(Language.JA).session(start, end, true)).isEqualTo("令和9年1月12日(火)  9:30～12:00");
        assertThat(Catalog.of(Language.EN).date(LocalDate.of(2027, 1, 12), true)).isEqualTo("Tue 12 Jan 2027");
    }

    @Test
    void unknownLanguagesFallBackToJapanese() {
        assertThat(Catalog.forTag("fr").language()).isEqualTo(Language.JA);
        assertThat(Catalog.forTag("ZH-hans").language()).isEqualTo(Language.ZH_HANS);
    }
}
