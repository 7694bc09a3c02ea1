package jp.ofuku.letters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.ofuku.support.Poppler;

class PrintFileTest {

    static final String TEN_PARTS = "DOS SANTOS FERREIRA DE OLIVEIRA, MARIA APARECIDA CONCEICAO ROSA LIMA";

    @TempDir
    Path dir;

    static List<MailPiece> everyLanguage() {
        return List.of(
                LetterFixtures.piece(10_000_001, "𠮷田　太郎", "千葉市稲毛区緑町3丁目30-8 郵便ビル403号", "ja", false),
                LetterFixtures.piece(10_000_002, "髙橋　一郎", "往復市本町1丁目2-3", "ja", true),
                LetterFixtures.piece(10_000_003, "NGUYEN THI HOA", "往復市南浜3丁目9-9 メゾン港102号室", "ja-easy", false),
                LetterFixtures.piece(10_000_004, "SMITH, EMILY JANE", "往復市中央2丁目4-6", "en", false),
                LetterFixtures.piece(10_000_005, "王 偉", "往復市北野2丁目6-1", "zh-Hans", false),
                LetterFixtures.piece(10_000_006, "최 지우", "往復市松ケ丘1丁目8-8", "ko", false),
                LetterFixtures.piece(10_000_007, "TRẦN THỊ MAI", "往復市港町2丁目5－12 シーサイド～港～201号室", "vi", false),
                LetterFixtures.piece(10_000_008, TEN_PARTS, "往復市旭町1丁目7-3 コーポ栄205号室", "pt", true),
                LetterFixtures.piece(10_000_009, "DELA CRUZ SANTOS REYES, MARIA CRISTINA LOURDES JOSEFINA", "往復市桜台2丁目11-4", "tl", false));
    }

    @Test
    void printsEveryNameWholeAndEveryOptionAsExtractableText() throws Exception {
        List<MailPiece> pieces = everyLanguage();
        int pages = PrintFile.write(dir, "test-0001", pieces, LetterFixtures.context()).pages();
        assertThat(pages).isEqualTo(pieces.size() * 2);
        assertThat(PrintFile.leftovers(dir, "test-0001")).isEmpty();
        String text = Poppler.pdftotext(PrintFile.pdf(dir, "test-0001"));
        String squeezed = PrintFileCheck.squeeze(text);
        for (MailPiece p : pieces) {
            assertThat(squeezed).contains(PrintFileCheck.squeeze(p.name()));
            // every letter asks, in its resident's language, for a pen: a fax loses light pencil
            assertThat(squeezed).contains(PrintFileCheck.squeeze(p.catalog().text("letter.pen")));
            for (MailPiece.Option o : p.options()) {
                assertThat(squeezed).contains(PrintFileCheck.squeeze(p.catalog().session(o.start(), o.end()) + o.siteName()));
            }
        }
        assertThat(squeezed).contains("𠮷田").contains(PrintFileCheck.squeeze(TEN_PARTS));
    }

    @Test
    void printFilesAreTaggedPdfWithASectionPerSheetInTheResidentsLanguage() throws Exception {
        List<MailPiece> pieces = everyLanguage().subList(3, 6);
        PrintFile.write(dir, "tagged", pieces, LetterFixtures.context());
        Process info = new ProcessBuilder("pdfinfo", PrintFile.pdf(dir, "tagged").toString()).redirectErrorStream(true).start();
        String pdfinfo = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(pdfinfo).containsPattern("Tagged:\\s+yes").containsPattern("Title:\\s+tagged");
        try (PDDocument doc = Loader.loadPDF(PrintFile.pdf(dir, "tagged").toFile())) {
            var root = doc.getDocumentCatalog().getStructureTreeRoot();
            var document = (org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement) root.getKids().get(0);
            assertThat(document.getStructureType()).isEqualTo("Document");
            assertThat(document.getKids()).hasSize(pieces.size() * 2);
            var firstSheet = (org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement) document.getKids().get(0);
            var paragraph = (org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement) firstSheet.getKids().get(0);
            assertThat(paragraph.getLanguage()).isEqualTo("en");
            assertThat(doc.getPage(5).getStructParents()).isEqualTo(5);
            assertThat(root.getParentTree()).isNotNull();
        }
    }

    @Test
    void theCheckCatchesASwappedSheet() throws Exception {
        List<MailPiece> pieces = everyLanguage().subList(0, 3);
        PrintFile.write(dir, "swap", pieces, LetterFixtures.context());
        Path pdf = PrintFile.pdf(dir, "swap");
        Path swapped = dir.resolve("swapped.pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            // the reply form of piece 1 and of piece 2 change envelopes
            PDPage form1 = doc.getPage(1);
            PDPage form2 = doc.getPage(3);
            doc.getPages().remove(3);
            doc.getPages().insertBefore(form2, form1);
            doc.getPages().remove(2);
            doc.getPages().insertAfter(form1, doc.getPage(2));
            doc.save(swapped.toFile());
        }
        assertThat(PrintFileCheck.problems(pdf, PrintFile.manifest(dir, "swap"), pieces)).isEmpty();
        assertThatThrownBy(() -> PrintFileCheck.verify(swapped, PrintFile.manifest(dir, "swap"), pieces))
                .isInstanceOf(PrintFileMismatchException.class)
                .hasMessageContaining("page 2 is not sheet 2/2 of form " + pieces.get(0).formCode().digits())
                .hasMessageContaining("page 2 does not carry the name and address of form " + pieces.get(0).formCode().digits());
    }
}
