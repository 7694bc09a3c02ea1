package jp.ofuku.letters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.ofuku.support.PdfUa;
import jp.ofuku.support.Poppler;

class TextLayerTest {

    @TempDir
    Path dir;

    @Test
    void scratch() throws Exception {
        List<MailPiece> pieces = List.of(
                LetterFixtures.piece(10_000_101, "キム・ミンジュン", "往復市本町1丁目2-3", "ko", false),
                LetterFixtures.piece(10_000_102, TextFolding.printable("葛\uDB40\uDD00西　𠮷\uDB40\uDD01郎", "ja"), "往復市本町1丁目2-3", "ja", false),
                LetterFixtures.piece(10_000_103, "Nguye\u0302\u0303n Thi\u0323 Ngo\u0323c A\u0301nh", "往復市本町1丁目2-3", "vi", false));
        PrintFile.render(dir.resolve("k.pdf"), pieces, LetterFixtures.context(), "k");
        PrintFile.writeManifest(dir.resolve("k.csv"), pieces);
        Files.copy(dir.resolve("k.pdf"), Path.of("/tmp/k.pdf"), StandardCopyOption.REPLACE_EXISTING);
        assertThat(PrintFileCheck.problems(dir.resolve("k.pdf"), dir.resolve("k.csv"), pieces)).isEmpty();
        assertThat(PdfUa.failures(dir.resolve("k.pdf"))).isEmpty();
        String text = PrintFileCheck.squeeze(Poppler.pdftotext(dir.resolve("k.pdf")));
        for (MailPiece p : pieces) {
            assertThat(text).contains(PrintFileCheck.squeeze(p.name()));
        }
    }
}
