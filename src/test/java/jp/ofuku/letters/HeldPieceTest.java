package jp.ofuku.letters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.ofuku.support.PageDamage;

/** A piece whose page fails the print check is held; the others are printed once; a broken file still stops. */
class HeldPieceTest {

    @TempDir
    Path dir;

    static Consumer<Path> swapFirstPageOf(Set<String> formCodes) {
        return PageDamage.swapFirstPageOf(() -> formCodes);
    }

    static List<MailPiece> pieces(int n) {
        List<MailPiece> pieces = new ArrayList<>();
        String[] languages = {"ja", "en", "ko", "zh-Hans", "vi", "pt", "tl", "ja-easy"};
        for (int i = 0; i < n; i++) {
            pieces.add(LetterFixtures.piece(20_000_000 + i, "住民　" + i + "号", "往復市本町1丁目" + i + "-3",
                    languages[i % languages.length], i % 7 == 0));
        }
        return pieces;
    }

    @Test
    void aDamagedPieceIsHeldAndTheOther999ArePrintedOnce() throws Exception {
        List<MailPiece> pieces = pieces(1000);
        String victim = pieces.get(417).formCode().digits();
        PrintFile.Written written = PrintFile.write(dir, "w-0001", pieces, LetterFixtures.context(), swapFirstPageOf(Set.of(victim)));

        assertThat(written.held()).containsOnlyKeys(victim);
        assertThat(written.held().get(victim)).contains("failed the print check").contains("does not carry the name and address");
        assertThat(written.pieces()).isEqualTo(999);
        assertThat(written.pages()).isEqualTo(1998);
        assertThat(PrintFile.leftovers(dir, "w-0001")).isEmpty();
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(PrintFile.manifest(dir, "w-0001"))) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
        List<String> printed = rows.stream().map(r -> r.get("form_code")).toList();
        assertThat(printed).hasSize(999).doesNotHaveDuplicates().doesNotContain(victim);
        List<MailPiece> expected = pieces.stream().filter(p -> !p.formCode().digits().equals(victim)).toList();
        assertThat(PrintFileCheck.problems(PrintFile.pdf(dir, "w-0001"), PrintFile.manifest(dir, "w-0001"), expected)).isEmpty();
    }

    @Test
    void aFileWithManyFailingPiecesStopsAndPrintsNothing() {
        List<MailPiece> pieces = pieces(10);
        Set<String> broken = Set.of(pieces.get(0).formCode().digits(), pieces.get(3).formCode().digits(),
                pieces.get(6).formCode().digits());
        assertThatThrownBy(() -> PrintFile.write(dir, "w-0002", pieces, LetterFixtures.context(), swapFirstPageOf(broken)))
                .isInstanceOf(PrintFileMismatchException.class)
                .hasMessageContaining("for 3 of 10 pieces (a broken font or template");
        assertThat(Files.exists(PrintFile.pdf(dir, "w-0002"))).isFalse();
        assertThat(Files.exists(PrintFile.manifest(dir, "w-0002"))).isFalse();
    }

    @Test
    void aSinglePieceFileWhoseOnlyPieceFailsIsHeldWithoutAFile() throws Exception {
        List<MailPiece> pieces = pieces(1);
        PrintFile.Written written = PrintFile.write(dir, "w-0003", pieces, LetterFixtures.context(),
                pdf -> {
                    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
                        doc.getPage(1).setContents(doc.getPage(0).getContentStreams().next());
                        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                        doc.save(bytes);
                        Files.write(pdf, bytes.toByteArray());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        assertThat(written.held()).containsOnlyKeys(pieces.get(0).formCode().digits());
        assertThat(written.pieces()).isZero();
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void aFileWhosePiecesWereAllWithdrawnWritesNothing() throws Exception {
        PrintFile.Written written = PrintFile.write(dir, "w-0004", List.of(), LetterFixtures.context());
        assertThat(written).isEqualTo(new PrintFile.Written(0, 0, java.util.Map.of()));
        assertThat(Files.list(dir)).isEmpty();
    }
}
