package jp.ofuku.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;

import org.junit.jupiter.api.Test;

/**
 * The fax the tests and the accuracy command send is only as good as its likeness to a fax
 * machine: a contact sensor whose elements each see the mean light of 1/8 mm of paper, one row of
 * them every 1/196 inch (fine) or 1/98 inch (standard), then black or white.
 */
class FaxSimulationTest {

    /** A 300 dpi sheet of white paper, 2 inches square. */
    private static BufferedImage paper() {
        BufferedImage page = new BufferedImage(600, 600, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = page.getRaster();
        for (int y = 0; y < 600; y++) {
            for (int x = 0; x < 600; x++) {
                r.setSample(x, y, 0, 255);
            }
        }
        return page;
    }

    private static void row(BufferedImage page, int y, int gray) {
        for (int x = 0; x < page.getWidth(); x++) {
            page.getRaster().setSample(x, y, 0, gray);
        }
    }

    /** Black pixels of a fax page in its rows {@code from} to {@code to}, exclusive. */
    private static int black(BufferedImage fax, int from, int to) {
        int n = 0;
        for (int y = from; y < to; y++) {
            for (int x = 0; x < fax.getWidth(); x++) {
                n += fax.getRaster().getSample(x, y, 0) == 0 ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void aHairlineIsSeenByAFineFaxWhereverItLiesButAStandardFaxStepsOverOneBetweenItsRows() {
        // standard rows are 300/98 = 3.06 source pixels apart and see 300/204 = 1.47 of them:
        // row 10 sees source rows 31.4–32.9, row 11 sees 34.5–35.9, nothing sees row 33
        BufferedImage between = paper();
        row(between, 33, 0);
        BufferedImage under = paper();
        row(under, 32, 0);

        BufferedImage standardBetween = ReplySimulator.fax(between, 300, 98, 176);
        assertThat(standardBetween.getHeight()).isEqualTo(196);
        assertThat(standardBetween.getWidth()).isEqualTo(408);
        assertThat(black(standardBetween, 0, 196)).isZero();
        assertThat(black(ReplySimulator.fax(under, 300, 98, 176), 10, 11)).isEqualTo(408);

        for (int y = 100; y < 110; y++) {
            BufferedImage page = paper();
            row(page, y, 0);
            BufferedImage fine = ReplySimulator.fax(page, 300, 196, 176);
            assertThat(black(fine, 0, fine.getHeight())).as("hairline at source row " + y).isGreaterThanOrEqualTo(408);
        }
    }

    @Test
    void graphiteCaughtOnThePapersGrainIsSeenAsItsMeanGrayNotPixelByPixel() {
        // a checkerboard of black and white pixels is, to a 1/8 mm sensor, a mid gray (about 128)
        BufferedImage grain = paper();
        for (int y = 200; y < 400; y++) {
            for (int x = 0; x < 600; x++) {
                grain.getRaster().setSample(x, y, 0, (x + y) % 2 == 0 ? 0 : 255);
            }
        }
        BufferedImage dark = ReplySimulator.fax(grain, 300, 196, 176);
        BufferedImage light = ReplySimulator.fax(grain, 300, 196, 100);
        // rows 131–261 of the fine fax lie wholly inside source rows 200–400
        assertThat(black(dark, 132, 260)).isEqualTo(408 * 128);
        assertThat(black(light, 132, 260)).isZero();
        assertThat(black(dark, 0, 120) + black(dark, 270, dark.getHeight())).isZero();
    }

    @Test
    void aGrayLighterThanTheBlackLevelIsLostWholeAndADarkerOneKeptWhole() {
        BufferedImage page = paper();
        for (int y = 100; y < 200; y++) {
            row(page, y, 160);
        }
        for (int y = 300; y < 400; y++) {
            row(page, y, 190);
        }
        BufferedImage fax = ReplySimulator.fax(page, 300, 196, 176);
        assertThat(black(fax, 67, 130)).isEqualTo(408 * 63);
        assertThat(black(fax, 0, fax.getHeight())).isLessThan(408 * 68);
        assertThat(black(fax, 190, fax.getHeight())).isZero();
    }

    @Test
    void aColourPageIsSeenInGray() {
        BufferedImage rgb = new BufferedImage(600, 600, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 600; y++) {
            for (int x = 0; x < 600; x++) {
                rgb.setRGB(x, y, y < 300 ? 0x202080 : 0xffffff);
            }
        }
        BufferedImage fax = ReplySimulator.fax(rgb, 300, 196, 176);
        assertThat(black(fax, 0, 190)).isEqualTo(408 * 190);
        assertThat(black(fax, 200, fax.getHeight())).isZero();
    }
}
