package jp.ofuku.letters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.ofuku.support.PdfUa;
import jp.ofuku.support.Poppler;

/** The text layer of a print file gives back exactly the registry's characters, whatever glyph was drawn. */
class TextLayerTest {

    static final String KATAKANA_KOREAN = "キム・ミンジュン";
    static final String VARIANT = "葛\uDB40\uDD00西　辻\uDB40\uDD02郎";
    /** IPAex draws ～ (U+FF5E) and 〜 (U+301C) with one glyph, and 一 (U+4E00) and the radical ⼀ (U+2F00). */
    static final String SHARED_ADDRESS = "往復市港町2丁目5－12 シーサイド～港〜201号室";
    static final String SHARED_NAME = "\u2F00ノ瀬　一郎";
    static final String DECOMPOSED = Normalizer.normalize("Nguyễn Thị Ngọc Ánh", Normalizer.Form.NFD);

    @TempDir
    Path dir;

    @Test
    void sharedGlyphsVariantGlyphsAndDecomposedMarksReadBackAsTheRegistryWroteThem() throws Exception {
        List<MailPiece> pieces = List.of(
                LetterFixtures.piece(10_000_101, KATAKANA_KOREAN, "往復市本町1丁目2-3", "ko", false),
                LetterFixtures.piece(10_000_102, TextFolding.printable(VARIANT, "ja"), "往復市本町1丁目2-3", "ja", true),
                LetterFixtures.piece(10_000_103, DECOMPOSED, "往復市本町1丁目2-3", "vi", false),
                LetterFixtures.piece(10_000_104, SHARED_NAME, SHARED_ADDRESS, "ja", false));
        PrintFile.Written written = PrintFile.write(dir, "t", pieces, LetterFixtures.context());
        assertThat(written.held()).isEmpty();
        Path pdf = PrintFile.pdf(dir, "t");

        // the Korean letter: ・ (U+30FB) in the name and · (U+00B7) in the sheet label: one glyph in Nanum Gothic, whatever draws them
        String text = Poppler.pdftotext(pdf);
        assertThat(text).contains(KATAKANA_KOREAN).contains("1000 0101 52 · 1/2");
        // 葛 + U+E0100 and 辻 + U+E0102 keep their sequences: each is drawn with its variant glyph (IPAex, IPAmj)
        assertThat(TextFolding.printable(VARIANT, "ja")).isEqualTo(VARIANT);
        assertThat(PrintFileCheck.squeeze(text)).contains(PrintFileCheck.squeeze(VARIANT));
        // decomposed Vietnamese is drawn precomposed and read back decomposed, as stored
        assertThat(text).contains(DECOMPOSED);
        // two characters one glyph serves, in one document: each reads back as itself
        assertThat(text).contains(SHARED_ADDRESS).contains("\u2F00ノ瀬").contains("一郎");
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(PrintFileCheck.squeeze(PrintFileCheck.pageTexts(doc).get(2))).contains(PrintFileCheck.squeeze(VARIANT));
            assertThat(PrintFileCheck.squeeze(PrintFileCheck.pageTexts(doc).get(6))).contains(PrintFileCheck.squeeze(SHARED_NAME))
                    .contains(PrintFileCheck.squeeze(SHARED_ADDRESS));
        }
        assertThat(PdfUa.failures(pdf)).isEmpty();
    }

    @Test
    void aSequenceNoFontHasIsFoldedToItsBaseCharacterAndCounted() {
        String unknown = "𠮷\uDB40\uDD01田";
        assertThat(TextFolding.printable(unknown, "ja")).isEqualTo("𠮷田");
        assertThat(TextFolding.folded(unknown, "ja")).containsExactly("U+20BB7 U+E0101 𠮷");
        assertThat(TextFolding.folded(VARIANT, "ja")).isEmpty();
    }
}
