package jp.ofuku.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Writer;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jp.ofuku.support.DatabaseTest;

class CopyTextTest extends DatabaseTest {

    @Autowired
    DataSource dataSource;

    @Test
    void valuesWithTabsLineEndsBackslashesAndNullsComeBackAsTheyWent() throws Exception {
        List<String> values = List.of("plain", "山田\t太郎", "line\none\r\n", "C:\\path\\", "\\N", "", "ｶﾅ　全角");
        List<String> back = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        List<Boolean> flags = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (var st = c.createStatement()) {
                st.execute("CREATE TEMP TABLE copied (n bigint, t text, f boolean)");
            }
            try (Writer out = CopyText.writer(c, "COPY copied (n, t, f) FROM STDIN")) {
                for (int i = 0; i < values.size(); i++) {
                    out.write((i - 3) * 1_000_000_007L + "\t");
                    CopyText.writeField(out, values.get(i));
                    out.write(i % 2 == 0 ? "\tt\n" : "\tf\n");
                }
                out.write("99000000000000\t\\N\tt\n");
            }
            long rows = CopyText.read(c, "SELECT n, t, f FROM copied ORDER BY n", row -> {
                numbers.add(row.number(0));
                back.add(row.text(1));
                flags.add(row.flag(2));
            });
            assertThat(rows).isEqualTo(values.size() + 1);
            assertThatThrownBy(() -> CopyText.read(c, "SELECT t FROM copied WHERE n = 99000000000000", row -> row.number(0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NULL");
            // a reader failing on the first of many rows leaves the connection ready for the next statement
            assertThatThrownBy(() -> CopyText.read(c, "SELECT t FROM copied ORDER BY n", row -> row.number(0)))
                    .hasMessageContaining("not a number: plain");
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM copied")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(values.size() + 1);
            }
            c.rollback();
        }
        List<String> expected = new ArrayList<>(values);
        expected.add(null);
        assertThat(back).containsExactlyElementsOf(expected);
        assertThat(numbers.get(0)).isEqualTo(-3_000_000_021L);
        assertThat(numbers.get(values.size())).isEqualTo(99_000_000_000_000L);
        assertThat(flags).containsExactly(true, false, true, false, true, false, true, true);
    }
}
