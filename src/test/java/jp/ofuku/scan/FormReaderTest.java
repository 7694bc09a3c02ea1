package jp.ofuku.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.ofuku.letters.FormImages;
import jp.ofuku.letters.FormSeal;
import jp.ofuku.letters.MailPiece;
import jp.ofuku.letters.ReplyFormLayout;

class FormReaderTest {

    @TempDir
    Path dir;

    final FormReader reader = new FormReader(FormImages.seal());
    final ReplyFormLayout layout = new ReplyFormLayout(false, 12);

    private BufferedImage markedForm(MailPiece piece, float dpi, int... options) throws Exception {
        BufferedImage page = FormImages.render(piece, dpi, dir);
        for (int k : options) {
            FormImages.tick(page, layout.optionBox(k), dpi, 0.6, 30);
        }
        return page;
    }

    @Test
    void readsTicksOnACleanScanAndIdentifiesTheFormByItsSealedCode() throws Exception {
        MailPiece piece = FormImages.piece(10_000_101);
        BufferedImage page = markedForm(piece, 300, 2, 5, 11);
        FormReading reading = reader.read(GrayPage.of(new ScanPage(0, page, 300, 300)), 12, false);
        assertThat(reading.identification()).isEqualTo(FormReading.Identification.SEALED_CODE);
        assertThat(reading.code()).contains(piece.formCode());
        assertThat(reading.marked()).containsExactly(2, 5, 11);
        assertThat(reading.sure()).isTrue();
        assertThat(reading.upsideDown()).isFalse();
    }

    @Test
    void readsAPageTurnedTwoDegreesAndOneFedUpsideDown() throws Exception {
        MailPiece piece = FormImages.piece(10_000_102);
        BufferedImage page = markedForm(piece, 300, 1, 12);
        FormReading turned = reader.read(GrayPage.of(new ScanPage(0, FormImages.rotate(page, 2), 300, 300)), 12, false);
        assertThat(turned.code()).contains(piece.formCode());
        assertThat(turned.marked()).containsExactly(1, 12);
        FormReading upsideDown = reader.read(GrayPage.of(new ScanPage(0, FormImages.rotate(page, 180.5), 300, 300)), 12, false);
        assertThat(upsideDown.upsideDown()).isTrue();
        assertThat(upsideDown.marked()).containsExactly(1, 12);
    }

    @Test
    void readsAStandardResolutionFaxWithItsNonSquarePixels() throws Exception {
        MailPiece piece = FormImages.piece(10_000_103);
        BufferedImage fax = FormImages.faxStandard(markedForm(piece, 300, 3, 4, 9), 300);
        FormReading reading = reader.read(GrayPage.of(new ScanPage(0, fax, 204, 98)), 12, false);
        assertThat(reading.marked()).containsExactly(3, 4, 9);
        assertThat(reading.code()).as("the 26 mm QR code survives 98 dpi").contains(piece.formCode());
    }

    @Test
    void aCodeSealedWithAnotherKeyIsReportedAsForged() throws Exception {
        MailPiece piece = FormImages.piece(10_000_104);
        BufferedImage page = markedForm(piece, 300, 6);
        FormReader otherKey = new FormReader(new FormSeal("a different key, 32 bytes long..".getBytes()));
        FormReading reading = otherKey.read(GrayPage.of(new ScanPage(0, page, 300, 300)), 12, false);
        assertThat(reading.identification()).isEqualTo(FormReading.Identification.FORGED_CODE);
        assertThat(reading.code()).isEmpty();
        assertThat(reading.sure()).isFalse();
    }

    @Test
    void aPageWithoutCornerMarksIsNotAForm() {
        BufferedImage blank = new BufferedImage(2480, 3508, BufferedImage.TYPE_BYTE_GRAY);
        var g = blank.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 2480, 3508);
        g.dispose();
        assertThat(reader.read(GrayPage.of(new ScanPage(0, blank, 300, 300)), 12, false).identification())
                .isEqualTo(FormReading.Identification.NOT_A_FORM);
    }
}
