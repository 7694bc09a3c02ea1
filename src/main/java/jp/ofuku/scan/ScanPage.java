package jp.ofuku.scan;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One page of a received file, as decoded: {@code index} is 0-based within the file, the
 * resolution is as the file states it (fax "standard" is 204 × 98 dpi: pixels are not square).
 * {@code warnings} are what the decoder said while decoding it ("Premature EOL in white run of
 * line 430"): the page decoded, but damaged.
 */
public record ScanPage(int index, BufferedImage image, double dpiX, double dpiY, List<String> warnings) {

    public ScanPage {
        warnings = List.copyOf(warnings);
    }

    public ScanPage(int index, BufferedImage image, double dpiX, double dpiY) {
        this(index, image, dpiX, dpiY, List.of());
    }
}
