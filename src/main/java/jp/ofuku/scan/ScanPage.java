package jp.ofuku.scan;

import java.awt.image.BufferedImage;

/**
 * One page of a received file, as decoded: {@code index} is 0-based within the file, the
 * resolution is as the file states it (fax "standard" is 204 × 98 dpi: pixels are not square).
 */
public record ScanPage(int index, BufferedImage image, double dpiX, double dpiY) {

    public boolean squarePixels() {
        return Math.abs(dpiX - dpiY) < 1;
    }
}
