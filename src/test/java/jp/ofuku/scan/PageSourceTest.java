package jp.ofuku.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageSourceTest {

    static final Path FAX = Path.of("..", "shared", "data", "fax");

    @TempDir
    Path dir;

    /** Real fax files from other encoders: each decodes or is refused with a reason; none crashes or hangs. */
    @Test
    void everyRealFaxFileDecodesOrIsRefusedWithAReason() throws Exception {
        assumeTrue(Files.isDirectory(FAX), "../shared/data/fax is not here");
        List<Path> files;
        try (Stream<Path> list = Files.list(FAX)) {
            files = list.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".tif")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(15);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        List<String> outcomes = new ArrayList<>();
        try {
            for (Path file : files) {
                Future<String> outcome = pool.submit(() -> {
                    try {
                        List<ScanPage> pages = PageSource.pages(file);
                        assertThat(pages).allSatisfy(p -> assertThat(p.image().getWidth()).isPositive());
                        return file.getFileName() + ": " + pages.size() + " pages, " + pages.get(0).dpiX() + "x" + pages.get(0).dpiY();
                    } catch (UnreadableFileException e) {
                        assertThat(e.getMessage()).isNotBlank();
                        return file.getFileName() + ": refused: " + e.getMessage();
                    }
                });
                outcomes.add(outcome.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(outcomes).hasSize(files.size());
        assertThat(outcomes.stream().filter(o -> !o.contains("refused"))).hasSizeGreaterThanOrEqualTo(files.size() / 2);
        outcomes.forEach(System.out::println);
    }

    @Test
    void aTruncatedFileIsRefusedWithItsReason() throws Exception {
        BufferedImage image = new BufferedImage(800, 600, BufferedImage.TYPE_BYTE_BINARY);
        Path png = dir.resolve("page.png");
        ImageIO.write(image, "png", png.toFile());
        byte[] bytes = Files.readAllBytes(png);
        Path cut = Files.write(dir.resolve("cut.png"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertThatThrownBy(() -> PageSource.pages(cut)).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("cannot be decoded");
        assertThat(PageSource.pages(png)).hasSize(1);
    }

    @Test
    void somethingThatIsNotAnImageIsRefused() throws Exception {
        Path text = Files.writeString(dir.resolve("reply.txt"), "not a scan");
        assertThatThrownBy(() -> PageSource.pages(text)).hasMessageContaining("not an image or PDF");
    }

    @Test
    void aPageOfAbsurdDimensionsIsRefusedBeforeDecoding() throws Exception {
        // a valid PNG header claiming 100,000 × 100,000 pixels: a decompression bomb
        BufferedImage image = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY);
        Path png = dir.resolve("bomb.png");
        ImageIO.write(image, "png", png.toFile());
        byte[] bytes = Files.readAllBytes(png);
        // IHDR width and height are at bytes 16..23, big-endian; the CRC then no longer matches, which is fine
        for (int i = 0; i < 2; i++) {
            int at = 16 + 4 * i;
            bytes[at] = 0;
            bytes[at + 1] = 1;
            bytes[at + 2] = (byte) 0x86;
            bytes[at + 3] = (byte) 0xA0;
        }
        Path bomb = Files.write(dir.resolve("bomb2.png"), bytes);
        assertThatThrownBy(() -> PageSource.pages(bomb)).isInstanceOf(UnreadableFileException.class);
    }
}
