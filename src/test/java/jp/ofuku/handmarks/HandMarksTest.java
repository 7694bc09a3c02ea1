package jp.ofuku.handmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import jp.ofuku.letters.ReplyFormLayout;

/** The independent mark generator: apart from the reader, repeatable, and drawing what it says it drew. */
class HandMarksTest {

    static final double DPI = 150;

    @Test
    void sharesNoCodeWithTheReader() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/java/jp/ofuku/handmarks"))) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file)).as(file + " must not use the reader's code").doesNotContain("import jp.ofuku.scan")
                        .doesNotContain("jp.ofuku.scan.");
            }
        }
    }

    @Test
    void theSameSeedDrawsTheSameMarks() {
        BufferedImage a = blank();
        BufferedImage b = blank();
        assertThat(new HandMarks(42).mark(a, DPI, 12)).isEqualTo(new HandMarks(42).mark(b, DPI, 12));
        assertThat(pixels(a)).isEqualTo(pixels(b));
    }

    @Test
    void drawsEveryShapeWithEveryPenAndInkLandsInTheBoxesItSays() {
        HandMarks hand = new HandMarks(7);
        ReplyFormLayout layout = new ReplyFormLayout(false, 12);
        Set<HandMarks.Shape> shapes = EnumSet.noneOf(HandMarks.Shape.class);
        Set<Pen.Kind> pens = EnumSet.noneOf(Pen.Kind.class);
        for (int i = 0; i < 200; i++) {
            BufferedImage page = blank();
            HandMarks.Marked marked = hand.mark(page, DPI, 12);
            shapes.add(marked.shape());
            pens.add(marked.pen());
            assertThat(marked.options().isEmpty()).isEqualTo(!marked.extras().isEmpty()
                    && (marked.extras().contains("decline") || marked.extras().contains("other_dates")));
            for (int k : marked.options()) {
                ReplyFormLayout.Box box = layout.optionBox(k);
                // a circle runs along its row, above and below the text (its left end may be open); every other mark is in the box
                int darkest = marked.shape() == HandMarks.Shape.CIRCLE ? darkest(page, 40, box.y() - 3, 120, box.y() + box.size() + 3)
                        : darkest(page, box.x() + 0.5, box.y() + 0.5, box.x() + box.size() - 0.5, box.y() + box.size() - 0.5);
                assertThat(darkest).as(marked + " option " + k).isLessThan(230);
            }
            for (String extra : marked.extras()) {
                ReplyFormLayout.Box box = switch (extra) {
                    case "decline" -> layout.declineBox();
                    case "other_dates" -> layout.noneBox();
                    default -> layout.needBox(0);
                };
                assertThat(darkest(page, box.x() + 0.5, box.y() + 0.5, box.x() + box.size() - 0.5, box.y() + box.size() - 0.5))
                        .as(marked + " " + extra).isLessThan(230);
            }
        }
        assertThat(shapes).containsExactlyInAnyOrder(HandMarks.Shape.values());
        assertThat(pens).containsExactlyInAnyOrder(Pen.Kind.values());
    }

    /** The darkest pixel of a rectangle given in mm. */
    private static int darkest(BufferedImage page, double x0, double y0, double x1, double y1) {
        double px = DPI / 25.4;
        int darkest = 255;
        for (int y = (int) (y0 * px); y < y1 * px; y++) {
            for (int x = (int) (x0 * px); x < x1 * px; x++) {
                darkest = Math.min(darkest, page.getRaster().getSample(x, y, 0));
            }
        }
        return darkest;
    }

    private static BufferedImage blank() {
        BufferedImage page = new BufferedImage((int) (210 / 25.4 * DPI), (int) (297 / 25.4 * DPI), BufferedImage.TYPE_BYTE_GRAY);
        var g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, page.getWidth(), page.getHeight());
        g.dispose();
        return page;
    }

    private static List<Integer> pixels(BufferedImage page) {
        int[] samples = page.getRaster().getSamples(0, 0, page.getWidth(), page.getHeight(), 0, (int[]) null);
        return java.util.Arrays.stream(samples).boxed().toList();
    }
}
