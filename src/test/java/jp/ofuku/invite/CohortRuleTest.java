package jp.ofuku.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class CohortRuleTest {

    @Test
    void readsAgesDistrictsNeedsLanguagesAndNegation() {
        CohortRule rule = CohortRule.parse("age 65..74 on 2027-04-01 and district D01, D02 and not needs wheelchair and language VI,pt");
        assertThat(rule.minAge()).contains(65);
        assertThat(rule.maxAge()).contains(74);
        assertThat(rule.referenceDate()).contains(LocalDate.of(2027, 4, 1));
        assertThat(rule.districts()).containsExactly("D01", "D02");
        assertThat(rule.describe(LocalDate.of(2027, 4, 1))).isEqualTo(
                "aged 65 to 74 on 2027-04-01 and district D01,D02 and not needs wheelchair and language vi,pt");
        assertThat(CohortRule.parse("age 80").maxAge()).contains(80);
        assertThat(CohortRule.parse("age 65+").maxAge()).isEmpty();
        assertThat(CohortRule.parse("age ..15").minAge()).isEmpty();
        assertThat(CohortRule.parse("all").clauses()).isEmpty();
    }

    @Test
    void typosStopWithAMessageInsteadOfSelectingTheWrongPeople() {
        assertThatThrownBy(() -> CohortRule.parse("age 75..65")).hasMessageContaining("lower age is above the upper");
        assertThatThrownBy(() -> CohortRule.parse("age 6S..")).hasMessageContaining("is not an age range");
        assertThatThrownBy(() -> CohortRule.parse("age 650..")).hasMessageContaining("beyond any resident's age");
        assertThatThrownBy(() -> CohortRule.parse("age 65.. district D01")).hasMessageContaining("expected 'and' before 'district'");
        assertThatThrownBy(() -> CohortRule.parse("aeg 65..")).hasMessageContaining("'aeg' is not understood");
        assertThatThrownBy(() -> CohortRule.parse("needs wheelchairs")).hasMessageContaining("'wheelchairs' is not a need");
        assertThatThrownBy(() -> CohortRule.parse("age 65.. on 2027-02-30")).hasMessageContaining("is not a date");
        assertThatThrownBy(() -> CohortRule.parse("")).hasMessageContaining("is empty");
        assertThatThrownBy(() -> CohortRule.parse("all and age 65..")).hasMessageContaining("'all' cannot be combined");
        assertThatThrownBy(() -> CohortRule.parse("age 65.. and")).hasMessageContaining("ends with 'and'");
    }
}
