package jp.ofuku.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEncodingTest {

    @TempDir
    Path dir;

    private static final String TEXT = "name,address\n髙橋 一郎,往復市港町2丁目5－12 シーサイド～港～\n";

    @Test
    void detectsUtf8WithoutBom() throws IOException {
        Path file = write("plain.csv", TEXT.getBytes(StandardCharsets.UTF_8));
        FileEncoding encoding = FileEncoding.of(file, "auto");
        assertThat(encoding.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(encoding.byteOrderMark()).isFalse();
        assertThat(read(file, encoding)).isEqualTo(TEXT);
    }

    @Test
    void detectsUtf8WithBomAndDropsTheBom() throws IOException {
        byte[] body = TEXT.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Path file = write("bom.csv", withBom);
        FileEncoding encoding = FileEncoding.of(file, "auto");
        assertThat(encoding.label()).isEqualTo("UTF-8 with BOM");
        assertThat(read(file, encoding)).isEqualTo(TEXT);
    }

    @Test
    void detectsWindows31jAndMapsWaveDashAndMinusAsWindowsDoes() throws IOException {
        Path file = write("cp932.csv", TEXT.getBytes(FileEncoding.WINDOWS_31J));
        FileEncoding encoding = FileEncoding.of(file, "auto");
        assertThat(encoding.charset().name()).isEqualTo("windows-31j");
        String text = read(file, encoding);
        assertThat(text).isEqualTo(TEXT);
        // 0x8160 and 0x817C are FULLWIDTH TILDE and FULLWIDTH HYPHEN-MINUS, not WAVE DASH and MINUS SIGN
        assertThat(text).contains("\uFF5E").contains("\uFF0D").doesNotContain("\u301C").doesNotContain("\u2212");
        assertThat(text).contains("髙");
    }

    @Test
    void refusesJavasShiftJisWithTheReason() {
        assertThatThrownBy(() -> FileEncoding.of(write("x.csv", new byte[0]), "Shift_JIS"))
                .isInstanceOf(ImportRefusedException.class)
                .hasMessageContaining("windows-31j");
    }

    @Test
    void aFileInNeitherEncodingIsRefusedNamingWhereEachFails() throws IOException {
        // line 2 has 0xFF, which is neither UTF-8 nor a windows-31j lead or single byte
        Path file = write("bad.csv", "a,b\nxy,\u00ff\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> FileEncoding.of(file, "auto"))
                .isInstanceOf(ImportRefusedException.class)
                .hasMessageContaining("neither UTF-8 (line 2, column 4: bytes 0xFF)")
                .hasMessageContaining("nor windows-31j (line 2, column 4: bytes 0xFF)");
    }

    @Test
    void undecodableBytesFarIntoALargeFileAreReportedAtTheirLineAndColumn() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("R").append(i).append(",往復市緑町\n");
        }
        byte[] good = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = "ab,\u6f22".getBytes(FileEncoding.WINDOWS_31J); // a windows-31j kanji: not UTF-8
        byte[] all = new byte[good.length + bad.length];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        Path file = write("late.csv", all);
        FileEncoding utf8 = FileEncoding.of(file, "UTF-8");
        assertThatThrownBy(() -> read(file, utf8))
                .isInstanceOf(UndecodableInputException.class)
                .satisfies(e -> {
                    UndecodableInputException u = (UndecodableInputException) e;
                    assertThat(u.line()).isEqualTo(20_001);
                    assertThat(u.column()).isEqualTo(4);
                    assertThat(u.byteOffset()).isEqualTo(good.length + 3);
                });
    }

    @Test
    void aTruncatedMultibyteCharacterAtTheEndIsAnError() throws IOException {
        byte[] kanji = "漢".getBytes(StandardCharsets.UTF_8);
        Path file = write("cut.csv", new byte[] {'a', '\n', kanji[0], kanji[1]});
        assertThatThrownBy(() -> read(file, FileEncoding.of(file, "UTF-8")))
                .isInstanceOf(UndecodableInputException.class)
                .hasMessageStartingWith("line 2, column 1:");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static String read(Path file, FileEncoding encoding) throws IOException {
        StringBuilder out = new StringBuilder();
        char[] buffer = new char[777];
        try (Reader reader = encoding.open(file)) {
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                out.append(buffer, 0, n);
            }
        }
        return out.toString();
    }
}
