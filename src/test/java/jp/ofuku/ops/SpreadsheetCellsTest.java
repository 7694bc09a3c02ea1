package jp.ofuku.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpreadsheetCellsTest {

    @Test
    void aTextASpreadsheetWouldTakeForAFormulaIsMadePlainText() {
        assertThat(SpreadsheetCells.cells("=1+2", "+81 3 1234 5678", "-3", "@SUM(A1)", "\tx", "\rx"))
                .containsExactly("'=1+2", "'+81 3 1234 5678", "'-3", "'@SUM(A1)", "'\tx", "'\rx");
    }

    @Test
    void otherTextsNumbersAndNothingAreWrittenAsTheyAre() {
        assertThat(SpreadsheetCells.cells("佐藤　一郎", "a=b", "", null, -3, 2.5, "'=already"))
                .containsExactly("佐藤　一郎", "a=b", "", null, -3, 2.5, "'=already");
    }

    @Test
    void aCellReadBackIsTheTextItWas() {
        for (String text : new String[] {"=1+2", "-3", "@x", "\tx", "佐藤", "'quoted'", "'", ""}) {
            assertThat(SpreadsheetCells.plain(String.valueOf(SpreadsheetCells.cell(text)))).isEqualTo(text);
        }
    }
}
