package jp.ofuku.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class MyNumberTest {

    @Test
    void acceptsNumbersWithTheOrdinanceCheckDigit() {
        // 123456789018: weights 6,5,4,3,2,7,6,5,4,3,2 over the first eleven digits sum to 212;
        // 212 mod 11 = 3, so the check digit is 11 - 3 = 8.
        assertThat(MyNumber.isValid("123456789018")).isTrue();
        // remainder 0 or 1 gives check digit 0: 000000000000 sums to 0
        assertThat(MyNumber.isValid("000000000000")).isTrue();
    }

    @Test
    void refusesWrongCheckDigitsLengthsAndNonDigits() {
        assertThat(MyNumber.isValid("123456789017")).isFalse();
        assertThat(MyNumber.isValid("123456789019")).isFalse();
        assertThat(MyNumber.isValid("12345678901")).isFalse();
        assertThat(MyNumber.isValid("1234567890180")).isFalse();
        assertThat(MyNumber.isValid("12345678901A")).isFalse();
        assertThat(MyNumber.isValid("１２３４５６７８９０１８")).isFalse();
    }

    @Test
    void aMyNumberWrittenInGroupsOrInFullWidthIsStillOne() {
        assertThat(MyNumber.isWritten("1234-5678-9018")).isTrue();
        assertThat(MyNumber.isWritten("1234 5678 9018")).isTrue();
        assertThat(MyNumber.isWritten(" 123456789018 ")).isTrue();
        assertThat(MyNumber.isWritten("１２３４５６７８９０１８")).isTrue();
        assertThat(MyNumber.isWritten("１２３４－５６７８－９０１８")).isTrue();
        assertThat(MyNumber.isWritten("１２３４　５６７８　９０１８")).isTrue();
        assertThat(MyNumber.isWritten("1234‐5678‐9018")).isTrue();
        assertThat(MyNumber.isWritten("1234-5678-9017")).as("wrong check digit").isFalse();
        assertThat(MyNumber.isWritten("R-1234-5678-9018")).as("letters besides").isFalse();
        assertThat(MyNumber.isWritten("1234-5678-90180")).as("thirteen digits").isFalse();
    }

    @Test
    void aColumnOfMyNumbersWrittenWithHyphensOrFullWidthIsRefused() {
        MyNumberColumns columns = new MyNumberColumns(List.of("resident_id", "note"));
        columns.observe(2, new String[] {"１２３４５６７８９０１８", "0000-0000-0000"});
        columns.observe(3, new String[] {"1234 5678 9018", "0000 0000 0000"});
        assertThatThrownBy(columns::refuseIfFound).isInstanceOf(ImportRefusedException.class)
                .hasMessageContaining("column 1 (resident_id)").hasMessageContaining("column 2 (note)");
    }

    @Test
    void aColumnOfMyNumbersIsRefusedNamingItsPositionAndName() {
        MyNumberColumns columns = new MyNumberColumns(List.of("resident_id", "bango"));
        columns.observe(2, new String[] {"R1", "123456789018"});
        columns.observe(3, new String[] {"R2", "000000000000"});
        assertThatThrownBy(columns::refuseIfFound)
                .isInstanceOf(ImportRefusedException.class)
                .hasMessageContaining("column 2 (bango)")
                .hasMessageContaining("valid My Number check digit in 2 of 2 rows, first on line 2")
                .hasMessageContaining("never stores My Number");
    }

    @Test
    void aColumnOfOtherTwelveDigitIdsPasses() {
        MyNumberColumns columns = new MyNumberColumns(List.of("resident_id"));
        // ten ids, one of which happens to carry a valid check digit, as about one in ten will
        columns.observe(2, new String[] {"123456789018"});
        for (int i = 0; i < 9; i++) {
            columns.observe(3 + i, new String[] {"12345678901" + (i == 8 ? 9 : i)});
        }
        columns.refuseIfFound();
    }

    @Test
    void aHeaderNamingTheIndividualNumberIsRefusedWhateverItHolds() {
        MyNumberColumns columns = new MyNumberColumns(List.of("name", "個人番号"));
        columns.observe(2, new String[] {"x", ""});
        assertThatThrownBy(columns::refuseIfFound).hasMessageContaining("column 2 (個人番号) is named as the individual number");
    }
}
