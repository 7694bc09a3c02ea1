package jp.ofuku.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

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

    /** Reads a page and checks it is read as exactly {@code options} marked, with no stray ink, sure enough to accept. */
    private FormReading readSurely(ScanPage delivered, Integer... options) {
        FormReading reading = reader.read(GrayPage.of(delivered), 12, false);
        assertThat(reading.marked()).as("stray %s", reading.stray()).containsExactly(options);
        assertThat(reading.stray()).isEmpty();
        assertThat(reading.sure()).as(reading.options().toString()).isTrue();
        return reading;
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

    @Test
    void whenTheQrCodeIsDestroyedThePrintedDigitsIdentifyTheForm() throws Exception {
        MailPiece piece = FormImages.piece(10_000_105);
        BufferedImage page = markedForm(piece, 300, 4, 7);
        FormImages.destroyQr(page, 300);
        FormReading reading = reader.read(GrayPage.of(new ScanPage(0, page, 300, 300)), 12, false);
        assertThat(reading.identification()).isEqualTo(FormReading.Identification.PRINTED_CODE);
        assertThat(reading.code()).contains(piece.formCode());
        assertThat(reading.marked()).containsExactly(4, 7);
        assertThat(reading.marksSure()).isTrue();
        assertThat(reading.sure()).as("known by its digits alone, a person confirms it").isFalse();

        FormReading upsideDownFax = reader.read(GrayPage.of(new ScanPage(0,
                FormImages.faxStandard(FormImages.rotate(page, 179), 300), 204, 98)), 12, false);
        assertThat(upsideDownFax.identification()).isEqualTo(FormReading.Identification.PRINTED_CODE);
        assertThat(upsideDownFax.code()).contains(piece.formCode());
        assertThat(upsideDownFax.upsideDown()).isTrue();
        assertThat(upsideDownFax.marked()).containsExactly(4, 7);
    }

    @Test
    void printedDigitsThatFailTheirCheckDoNotIdentifyAForm() throws Exception {
        MailPiece piece = FormImages.piece(10_000_106);
        BufferedImage page = markedForm(piece, 300, 2);
        FormImages.destroyQr(page, 300);
        // one digit of the printed code changed by hand: 1000 0106 xx → 1000 0186 xx
        double px = 300 / 25.4;
        var g = page.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect((int) (ReplyFormLayout.CODE_X * px), (int) ((ReplyFormLayout.CODE_BASELINE - 8) * px), (int) (90 * px), (int) (10 * px));
        g.setColor(java.awt.Color.BLACK);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, (int) (18 * 300 / 72.0)));
        String altered = piece.formCode().printed().substring(0, 7) + "8" + piece.formCode().printed().substring(8);
        g.drawString(altered, (int) (ReplyFormLayout.CODE_X * px), (int) (ReplyFormLayout.CODE_BASELINE * px));
        g.dispose();
        FormReading reading = reader.read(GrayPage.of(new ScanPage(0, page, 300, 300)), 12, false);
        assertThat(reading.identification()).isEqualTo(FormReading.Identification.UNIDENTIFIED);
        assertThat(reading.sure()).isFalse();
    }

    @Test
    void aCircleDrawnRoundARowMarksThatOption() throws Exception {
        MailPiece piece = FormImages.piece(10_000_108);
        BufferedImage page = FormImages.render(piece, 300, dir);
        MarkPen pen = new MarkPen(page, 300, new java.util.SplittableRandom(3));
        pen.mark(layout.optionBox(3), MarkPen.Style.CIRCLE, 0.6, 40, 0);
        pen.mark(layout.optionBox(8), MarkPen.Style.CIRCLE, 0.5, 110, 0);
        pen.mark(layout.optionBox(9), MarkPen.Style.TICK, 0.5, 20, 0);
        for (var delivered : java.util.List.of(new ScanPage(0, page, 300, 300),
                new ScanPage(0, FormImages.faxStandard(FormImages.rotate(page, 1.2), 300), 204, 98))) {
            FormReading reading = readSurely(delivered, 3, 8, 9);
            assertThat(reading.options().get(2).how()).endsWith("row circled");
        }
    }

    @Test
    void aBoxScribbledOverGoesToAPerson() throws Exception {
        MailPiece piece = FormImages.piece(10_000_109);
        BufferedImage page = FormImages.render(piece, 300, dir);
        MarkPen pen = new MarkPen(page, 300, new java.util.SplittableRandom(4));
        pen.mark(layout.optionBox(2), MarkPen.Style.FILL, 0.7, 20, 0);
        pen.mark(layout.optionBox(5), MarkPen.Style.SCRIBBLE, 0.7, 20, 0);
        FormReading reading = reader.read(GrayPage.of(new ScanPage(0, page, 300, 300)), 12, false);
        assertThat(reading.options().get(1).state()).as("a box filled in is marked").isEqualTo(BoxReading.State.MARKED);
        assertThat(reading.options().get(4).state()).isEqualTo(BoxReading.State.UNSURE);
        assertThat(reading.options().get(4).how()).isEqualTo("scribbled over");
        assertThat(reading.sure()).isFalse();
    }

    @Test
    void inkNoMarkExplainsSendsTheFormToAPerson() throws Exception {
        MailPiece piece = FormImages.piece(10_000_110);
        BufferedImage page = FormImages.render(piece, 300, dir);
        new MarkPen(page, 300).mark(layout.optionBox(1), MarkPen.Style.TICK, 0.6, 20, 0);
        // a circle round box 6 alone, not its row: which option was meant is not for the machine to guess
        double px = 300 / 25.4;
        var g = page.createGraphics();
        g.setColor(java.awt.Color.DARK_GRAY);
        g.setStroke(new java.awt.BasicStroke((float) (0.6 * px)));
        ReplyFormLayout.Box box = layout.optionBox(6);
        g.drawOval((int) ((box.x() - 2) * px), (int) ((box.y() - 1.5) * px), (int) ((box.size() + 4) * px), (int) ((box.size() + 3) * px));
        // and a line drawn under option 10's row
        double under = layout.firstRowTop() + 10 * layout.rowHeight();
        g.drawLine((int) (40 * px), (int) (under * px), (int) (150 * px), (int) (under * px));
        g.dispose();
        FormReading reading = reader.read(GrayPage.of(new ScanPage(0, page, 300, 300)), 12, false);
        assertThat(reading.marked()).containsExactly(1);
        assertThat(reading.stray()).hasSize(2);
        assertThat(reading.sure()).isFalse();
    }

    @Test
    void aQrCodePastedFromAnotherLetterIsCaughtByThePrintedDigits() throws Exception {
        BufferedImage page = markedForm(FormImages.piece(10_000_111), 300, 3);
        BufferedImage other = FormImages.render(FormImages.piece(10_000_112), 300, dir);
        double px = 300 / 25.4;
        int x = (int) ((ReplyFormLayout.QR_X - 1) * px);
        int y = (int) ((ReplyFormLayout.QR_Y - 1) * px);
        int side = (int) ((ReplyFormLayout.QR_SIZE + 2) * px);
        var g = page.createGraphics();
        g.drawImage(other.getSubimage(x, y, side, side), x, y, null);
        g.dispose();
        FormReading reading = reader.read(GrayPage.of(new ScanPage(0, page, 300, 300)), 12, false);
        assertThat(reading.identification()).isEqualTo(FormReading.Identification.CODES_DISAGREE);
        assertThat(reading.sure()).isFalse();
    }

    /** A stroke through points given in mm, drawn with a round pen of {@code penMm} in {@code gray}. */
    private static void stroke(BufferedImage page, double dpi, double penMm, int gray, double... mm) {
        double px = dpi / 25.4;
        var g = page.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new java.awt.Color(gray, gray, gray));
        g.setStroke(new java.awt.BasicStroke((float) (penMm * px), java.awt.BasicStroke.CAP_ROUND, java.awt.BasicStroke.JOIN_ROUND));
        java.awt.geom.Path2D path = new java.awt.geom.Path2D.Double();
        path.moveTo(mm[0] * px, mm[1] * px);
        for (int i = 2; i < mm.length; i += 2) {
            path.lineTo(mm[i] * px, mm[i + 1] * px);
        }
        g.draw(path);
        g.dispose();
    }

    @Test
    void aThinTickWhoseTailRunsBesideTheBoxAboveMarksItsOwnBoxOnly() throws Exception {
        MailPiece piece = FormImages.piece(10_000_113);
        BufferedImage page = FormImages.render(piece, 300, dir);
        ReplyFormLayout.Box box = layout.optionBox(6);
        ReplyFormLayout.Box above = layout.optionBox(5);
        // a 0.3 mm ballpoint: a short stroke down into the box, a long one up and out past its corner,
        // through the zone beside option 5's box, ending level with that box's middle
        stroke(page, 300, 0.3, 40, box.x() + 1.5, box.y() + 3.5, box.x() + 3, box.y() + 6.5,
                box.x() + box.size() + 2.5, above.y() + above.size() / 2);
        for (var delivered : java.util.List.of(new ScanPage(0, page, 300, 300),
                new ScanPage(0, FormImages.faxStandard(page, 300), 204, 98))) {
            // the tail belongs to the tick, not to option 5
            readSurely(delivered, 6);
        }
    }

    @Test
    void aPencilMarkTheFaxKeptOnlyInPartIsNeverReadAsEmpty() throws Exception {
        MailPiece piece = FormImages.piece(10_000_114);
        BufferedImage page = FormImages.render(piece, 300, dir);
        ReplyFormLayout.Box box = layout.optionBox(4);
        stroke(page, 300, 0.6, 20, layout.optionBox(2).x() + 2, layout.optionBox(2).y() + 2,
                layout.optionBox(2).x() + 6, layout.optionBox(2).y() + 6);
        // what a fax's threshold leaves of a light pencil cross: a few dots along its lines
        for (int i = 0; i < 3; i++) {
            double t = 1.6 + i * 2.2;
            stroke(page, 300, 0.3, 30, box.x() + t, box.y() + t, box.x() + t + 0.05, box.y() + t + 0.05);
            stroke(page, 300, 0.3, 30, box.x() + box.size() - t, box.y() + t, box.x() + box.size() - t - 0.05, box.y() + t + 0.05);
        }
        FormReading reading = reader.read(GrayPage.of(new ScanPage(0, FormImages.faxStandard(page, 300), 204, 98)), 12, false);
        assertThat(reading.options().get(3).state()).as(reading.options().get(3).toString()).isEqualTo(BoxReading.State.UNSURE);
        assertThat(reading.marked()).containsExactly(2);
        assertThat(reading.sure()).isFalse();
    }

    @Test
    void aFaintPencilTickOnAScanIsAStroke() throws Exception {
        MailPiece piece = FormImages.piece(10_000_115);
        BufferedImage page = FormImages.render(piece, 300, dir);
        ReplyFormLayout.Box box = layout.optionBox(9);
        stroke(page, 300, 0.3, 175, box.x() + 2, box.y() + 4.5, box.x() + 3.5, box.y() + 6.5, box.x() + 7.5, box.y() + 0.5);
        FormReading reading = reader.read(GrayPage.of(new ScanPage(0, page, 300, 300)), 12, false);
        assertThat(reading.options().get(8).ink()).as("little of the box darkened").isLessThan(FormReader.MARKED);
        assertThat(reading.marked()).containsExactly(9);
        assertThat(reading.sure()).isTrue();
    }

    @Test
    void aPageTheDecoderReportedDamagedIsReadOnlyWhereItCanBeTrusted() throws Exception {
        MailPiece piece = FormImages.piece(10_000_116);
        BufferedImage page = markedForm(piece, 300, 2, 11);
        BufferedImage fax = FormImages.faxStandard(page, 300);
        double rowsPerMm = 98 / 25.4;
        int damagedRow = (int) Math.round((layout.optionBox(10).y() + 2) * rowsPerMm);
        ScanPage damaged = new ScanPage(0, fax, 204, 98,
                java.util.List.of("Premature EOL in white run of line " + damagedRow + ": read 0 of 1686 expected pixels."));
        FormReading reading = reader.read(GrayPage.of(damaged), 12, false);
        assertThat(reading.options().get(1).state()).as("far above the damage").isEqualTo(BoxReading.State.MARKED);
        assertThat(reading.options().get(10).state()).isEqualTo(BoxReading.State.UNSURE);
        assertThat(reading.options().get(10).how()).isEqualTo("the image is damaged here");
        assertThat(reading.damage()).singleElement().asString().contains("Premature EOL");
        assertThat(reading.sure()).isFalse();
    }

    @Test
    void aSecondLineBetweenTwoRowsThatOneLoopDoesNotExplainGoesToAPerson() throws Exception {
        MailPiece piece = FormImages.piece(10_000_117);
        BufferedImage page = FormImages.render(piece, 300, dir);
        MarkPen pen = new MarkPen(page, 300, new java.util.SplittableRandom(5));
        pen.mark(layout.optionBox(4), MarkPen.Style.CIRCLE, 0.5, 30, 0);
        // a loop round row 5 begun and never finished: only its top, in the band between rows 4 and 5,
        // under the bottom of row 4's loop
        double under = layout.firstRowTop() + 4 * layout.rowHeight();
        stroke(page, 300, 0.5, 30, 22, under + 2.1, 60, under + 2.3, 120, under + 2.2, 170, under + 2.3);
        FormReading reading = reader.read(GrayPage.of(new ScanPage(0, page, 300, 300)), 12, false);
        assertThat(reading.marked()).contains(4);
        assertThat(reading.stray()).anySatisfy(s -> assertThat(s).startsWith("two lines between rows 4 and 5"));
        assertThat(reading.sure()).isFalse();
    }

    @Test
    void loopsLeftOpenAtTheLeftMarkTheirRowsAndLinesUnderTwoRowsDoNot() throws Exception {
        MailPiece piece = FormImages.piece(10_000_118);
        BufferedImage page = FormImages.render(piece, 300, dir);
        BufferedImage pencil = FormImages.render(piece, 300, dir);
        // loops round rows 2, 6 and 7 that turn round right of the text but never close at the left:
        // the top arc starts right of the box, the bottom one ends there (rows 6 and 7 share a band);
        // drawn once in ink and once with a hard pencil that a fax keeps as a line one pixel thin
        for (int k : new int[] {2, 6, 7}) {
            double top = k == 7 ? RowRings.band(layout, 6)[1] - 0.6 : mid(RowRings.band(layout, k - 1));
            double bottom = k == 6 ? RowRings.band(layout, 6)[0] + 0.6 : mid(RowRings.band(layout, k));
            double[] loop = {ReplyFormLayout.TEXT_X + 1, top + 0.2, 90, top - 0.2, 150, top, 158, (top + bottom) / 2,
                    150, bottom, 90, bottom + 0.2, ReplyFormLayout.TEXT_X - 1, bottom - 0.3};
            stroke(page, 300, 0.5, 30, loop);
            stroke(pencil, 300, 0.2, 110, loop);
        }
        for (var delivered : java.util.List.of(new ScanPage(0, page, 300, 300),
                new ScanPage(0, FormImages.fax(FormImages.rotate(page, 0.8), 300, 196), 204, 196),
                new ScanPage(0, FormImages.fax(FormImages.rotate(pencil, -0.6), 300, 196), 204, 196))) {
            FormReading reading = readSurely(delivered, 2, 6, 7);
            assertThat(reading.options().get(5).how()).isEqualTo("row circled");
        }

        // a line under row 9 and another under row 10 fill the bands a loop round row 10 would, but are not joined
        BufferedImage lines = FormImages.render(piece, 300, dir);
        for (int j : new int[] {9, 10}) {
            double y = mid(RowRings.band(layout, j));
            stroke(lines, 300, 0.5, 30, ReplyFormLayout.TEXT_X + 1, y, 150, y + 0.2);
        }
        FormReading underlined = reader.read(GrayPage.of(new ScanPage(0, lines, 300, 300)), 12, false);
        assertThat(underlined.marked()).isEmpty();
        assertThat(underlined.stray()).hasSize(2);
        assertThat(underlined.sure()).isFalse();
    }

    @Test
    void aLoopWhoseArcsRunIntoItsNeighboursArcsIsNeverLeftUnread() throws Exception {
        MailPiece piece = FormImages.piece(10_000_119);
        BufferedImage page = FormImages.render(piece, 300, dir);
        MarkPen pen = new MarkPen(page, 300, new java.util.SplittableRandom(6));
        pen.mark(layout.optionBox(7), MarkPen.Style.CIRCLE, 0.5, 30, 0);
        pen.mark(layout.optionBox(9), MarkPen.Style.CIRCLE, 0.5, 30, 0);
        // row 8's loop, open at the left, its arcs drawn along the bottom of row 7's loop and the top of row 9's:
        // each band holds what looks like one line, and the lines counted from the top leave row 8 out
        double top = mid(RowRings.band(layout, 7));
        double bottom = mid(RowRings.band(layout, 8));
        stroke(page, 300, 0.6, 30, ReplyFormLayout.TEXT_X + 1, top, 120, top, 172, top, 178, (top + bottom) / 2, 172, bottom,
                120, bottom, ReplyFormLayout.TEXT_X + 1, bottom);
        for (var delivered : java.util.List.of(new ScanPage(0, page, 300, 300),
                new ScanPage(0, FormImages.faxStandard(page, 300), 204, 98))) {
            FormReading reading = reader.read(GrayPage.of(delivered), 12, false);
            assertThat(reading.sure()).as("read %s, stray %s", reading.marked(), reading.stray()).isFalse();
        }
    }

    @Test
    void aSheetFedAskewWithOneCornerMarkCutOffIsReadFromTheOtherThree() throws Exception {
        MailPiece piece = FormImages.piece(10_000_120);
        BufferedImage marked = markedForm(piece, 300, 2, 11);
        double px = 300 / 25.4;
        for (double degrees : new double[] {1.5, -1.5}) {
            // turned, then cut off at the middle of the lower of the two bottom corner marks: the other stays whole
            BufferedImage turned = FormImages.rotate(marked, degrees);
            int lowest = Math.max(lowestInk(turned, 0, turned.getWidth() / 6), lowestInk(turned, turned.getWidth() * 5 / 6, turned.getWidth()));
            BufferedImage cut = turned.getSubimage(0, 0, turned.getWidth(), lowest - (int) (ReplyFormLayout.CORNER_MARK / 2 * px));
            FormReading reading = reader.read(GrayPage.of(new ScanPage(0, FormImages.faxStandard(cut, 300), 204, 98)), 12, false);
            assertThat(reading.identification()).as("turned %s°", degrees).isEqualTo(FormReading.Identification.SEALED_CODE);
            assertThat(reading.marked()).containsExactly(2, 11);
            assertThat(reading.sure()).isTrue();
        }
        // a corner mark missing inside the picture (scratched out, or a page that is not ours) is not made up
        BufferedImage scratched = FormImages.render(piece, 300, dir);
        ReplyFormLayout.Box corner = layout.cornerMarks().get(2);
        var g = scratched.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect((int) ((corner.x() - 1) * px), (int) ((corner.y() - 1) * px), (int) ((corner.size() + 2) * px),
                (int) ((corner.size() + 2) * px));
        g.dispose();
        assertThat(reader.read(GrayPage.of(new ScanPage(0, scratched, 300, 300)), 12, false).identification())
                .isEqualTo(FormReading.Identification.NOT_A_FORM);
    }

    @Test
    void aLoopTheFaxKeptOnlyInPartIsNotTakenWhenAnotherWasLostToSpecks() throws Exception {
        MailPiece piece = FormImages.piece(10_000_121);
        BufferedImage page = FormImages.render(piece, 300, dir);
        double px = 300 / 25.4;
        var g = page.createGraphics();
        g.setColor(new java.awt.Color(60, 60, 60));
        // row 12: what the fax kept of a pencil loop round it: its right end, a fifth of each band
        g.setStroke(new java.awt.BasicStroke((float) (0.4 * px)));
        double top = mid(RowRings.band(layout, 11));
        double bottom = mid(RowRings.band(layout, 12));
        java.awt.geom.Path2D loop = new java.awt.geom.Path2D.Double();
        loop.moveTo(125 * px, top * px);
        loop.lineTo(150 * px, top * px);
        loop.lineTo(158 * px, (top + bottom) / 2 * px);
        loop.lineTo(150 * px, bottom * px);
        loop.lineTo(125 * px, bottom * px);
        g.draw(loop);
        // row 9: a loop the fax lost but for a few specks along its arcs
        g.setStroke(new java.awt.BasicStroke((float) (0.3 * px)));
        for (int j : new int[] {8, 9}) {
            double y = mid(RowRings.band(layout, j));
            for (double x = 40; x < 150; x += 25) {
                g.fill(new java.awt.geom.Ellipse2D.Double(x * px, y * px, 0.4 * px, 0.4 * px));
            }
        }
        g.dispose();
        FormReading reading = reader.read(GrayPage.of(new ScanPage(0, FormImages.fax(page, 300, 196), 204, 196)), 12, false);
        assertThat(reading.sure()).as("read %s, stray %s", reading.marked(), reading.stray()).isFalse();
    }

    /**
     * A pencil stroke through points given in mm: a round tip of {@code penMm} whose graphite,
     * {@code gray} where it holds, catches on the paper's tooth only here and there (each pixel
     * lightened by up to {@code grain}, as the hand generator's pencil does).
     */
    private static void pencil(BufferedImage page, double dpi, double penMm, int gray, double grain, long seed, double... mm) {
        BufferedImage mask = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        stroke(mask, dpi, penMm, 255, mm);
        var random = new java.util.SplittableRandom(seed);
        var in = mask.getRaster();
        var out = page.getRaster();
        for (int y = 0; y < page.getHeight(); y++) {
            for (int x = 0; x < page.getWidth(); x++) {
                int cover = in.getSample(x, y, 0);
                if (cover > 0) {
                    double c = cover / 255.0 * (1 - grain * random.nextDouble());
                    int old = out.getSample(x, y, 0);
                    out.setSample(x, y, 0, (int) Math.round(old - (old - Math.min(old, gray)) * c));
                }
            }
        }
    }

    /** A box filled in with strokes back and forth, 0.6 mm apart. */
    private static double[] zigzag(ReplyFormLayout.Box box) {
        java.util.List<Double> points = new java.util.ArrayList<>();
        boolean right = true;
        for (double y = box.y() + 1.2; y <= box.y() + box.size() - 1.2; y += 0.6) {
            points.add(right ? box.x() + box.size() - 1.2 : box.x() + 1.2);
            points.add(y);
            right = !right;
        }
        return points.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A loop round row k, from left of its box to 150 mm, through both bands. */
    private double[] loopRound(int k) {
        ReplyFormLayout.Box box = layout.optionBox(k);
        double top = mid(RowRings.band(layout, k - 1));
        double bottom = mid(RowRings.band(layout, k));
        double left = box.x() - 1.5;
        return new double[] {left + 4, top, 150, top, 156, (top + bottom) / 2, 150, bottom, left + 4, bottom,
                left, (top + bottom) / 2, left + 4, top + 0.3};
    }

    @Test
    void aPencilMarkTheFaxKeptOnlyInDotsSendsItsPageToAPersonForAnotherMayHaveBeenLostWhole() throws Exception {
        // seed 19: the fax lost box 3's pencil fill and kept box 6's in dots, just dark enough to count
        MailPiece piece = FormImages.piece(10_000_122);
        BufferedImage page = FormImages.render(piece, 300, dir);
        pencil(page, 300, 0.5, 200, 0.5, 3, zigzag(layout.optionBox(3)));
        pencil(page, 300, 0.5, 160, 0.5, 6, zigzag(layout.optionBox(6)));
        FormReading reading = reader.read(GrayPage.of(new ScanPage(0, FormImages.faxStandard(page, 300), 204, 98)), 12, false);
        assertThat(reading.options().get(2).state()).as("the fax lost box 3's fill").isEqualTo(BoxReading.State.EMPTY);
        assertThat(reading.sure()).as("read %s, stray %s", reading.marked(), reading.stray()).isFalse();
        assertThat(reading.stray()).anyMatch(s -> s.startsWith("dots of ink in the box of option 6 ("));

        // the same fill in ink comes through whole: read, and no trail of dots
        BufferedImage inked = FormImages.render(piece, 300, dir);
        pencil(inked, 300, 0.5, 40, 0.05, 6, zigzag(layout.optionBox(6)));
        readSurely(new ScanPage(0, FormImages.faxStandard(inked, 300), 204, 98), 6);
    }

    @Test
    void aLoopTheFaxKeptInDotsBesideOneItLostToSpecksSendsThePageToAPerson() throws Exception {
        // seed 19: the fax lost a pencil loop round row 9 down to specks and kept row 12's in dots and dashes
        MailPiece piece = FormImages.piece(10_000_123);
        BufferedImage page = FormImages.render(piece, 300, dir);
        pencil(page, 300, 0.4, 175, 0.5, 9, loopRound(9));
        pencil(page, 300, 0.4, 150, 0.5, 12, loopRound(12));
        FormReading reading = reader.read(GrayPage.of(new ScanPage(0, FormImages.fax(page, 300, 196), 204, 196)), 12, false);
        assertThat(reading.sure()).as("read %s, stray %s", reading.marked(), reading.stray()).isFalse();
        assertThat(reading.stray()).anyMatch(s -> s.startsWith("dots of ink ") && s.contains("rows 11 and 12"));

        // loops in ink come through whole: both rows read
        BufferedImage inked = FormImages.render(piece, 300, dir);
        pencil(inked, 300, 0.4, 40, 0.05, 9, loopRound(9));
        pencil(inked, 300, 0.4, 40, 0.05, 12, loopRound(12));
        readSurely(new ScanPage(0, FormImages.fax(inked, 300, 196), 204, 196), 9, 12);
    }

    @Test
    void aTrailNoteNamesThreePlacesAndCountsTheRestSoItStaysOneLine() {
        assertThat(Dots.places(List.of("in the box of option 1 (9)", "above row 1 (70)"))).isEqualTo(
                "in the box of option 1 (9), above row 1 (70)");
        assertThat(Dots.places(List.of("a (6)", "b (7)", "c (8)", "d (9)"))).isEqualTo("a (6), b (7), c (8) and in 1 more place");
        assertThat(Dots.places(List.of("a (6)", "b (7)", "c (8)", "d (9)", "e (10)", "f (11)")))
                .isEqualTo("a (6), b (7), c (8) and in 3 more places");
    }

    /** The lowest row holding ink between columns x0 and x1. */
    private static int lowestInk(BufferedImage page, int x0, int x1) {
        for (int y = page.getHeight() - 1; y >= 0; y--) {
            for (int x = x0; x < x1; x++) {
                if ((page.getRGB(x, y) & 0xff) < 100) {
                    return y;
                }
            }
        }
        return page.getHeight();
    }

    private static double mid(double[] zone) {
        return (zone[0] + zone[1]) / 2;
    }
}
