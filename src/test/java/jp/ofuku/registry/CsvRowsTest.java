package jp.ofuku.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRowsTest {

    @TempDir
    Path dir;

    @Test
    void eachRecordKnowsTheLineItStartsOnAcrossBlankLinesAndQuotedLineBreaks() throws IOException {
        Path file = Files.writeString(dir.resolve("r.csv"),
                "id,address\r\nA,one\r\n\r\nB,\"two\nlines\"\r\nC,three\r\nD,last-without-newline", StandardCharsets.UTF_8);
        try (CsvRows csv = CsvRows.open(file, FileEncoding.of(file, "auto"))) {
            assertThat(csv.header()).containsExactly("id", "address");
            List<CsvRows.Row> rows = csv.rest();
            assertThat(rows).extracting(CsvRows.Row::line).containsExactly(2L, 4L, 6L, 7L);
            assertThat(rows.get(1).values()).containsExactly("B", "two\nlines");
        }
    }
}
