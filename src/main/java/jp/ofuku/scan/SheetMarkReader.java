package jp.ofuku.scan;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;

import jp.ofuku.letters.ReplyFormLayout;
import jp.ofuku.letters.SheetMark;

/**
 * Finds the small sheet code every sheet carries in its bottom-left corner: how a letter that
 * comes back undelivered is known, with no corner marks to align on. Tries the page both ways up.
 */
public final class SheetMarkReader {

    static final double WINDOW_MM = 24;

    private SheetMarkReader() {
    }

    public static Optional<SheetMark.Mark> read(GrayPage page) {
        // ZXing's DataMatrix detector starts from the middle of the image: look in a window centred
        // where the code is printed (or would be, on a page fed upside down), wide enough for a shifted scan
        double mm = page.pxPerMm();
        double half = ReplyFormLayout.SHEET_CODE_SIZE / 2;
        double cx = SheetMark.CODE_X + half;
        double cy = SheetMark.CODE_Y + half;
        int side = (int) Math.round(WINDOW_MM * mm);
        int zoneW = side;
        int zoneH = side;
        int[][] zones = {{(int) Math.round(cx * mm) - side / 2, (int) Math.round(cy * mm) - side / 2},
                {(int) Math.round((210 - cx) * mm) - side / 2, (int) Math.round((297 - cy) * mm) - side / 2}};
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.DATA_MATRIX));
        MultiFormatReader reader = new MultiFormatReader();
        reader.setHints(hints);
        for (int[] zone : zones) {
            var source = new RGBLuminanceSource(zoneW, zoneH, page.argb(zone[0], zone[1], zoneW, zoneH));
            try {
                String text = reader.decodeWithState(new BinaryBitmap(new HybridBinarizer(source))).getText();
                Optional<SheetMark.Mark> mark = SheetMark.parse(text);
                if (mark.isPresent()) {
                    return mark;
                }
            } catch (ReaderException notHere) {
                // try the other corner (an upside-down page)
            } finally {
                reader.reset();
            }
        }
        return Optional.empty();
    }
}
