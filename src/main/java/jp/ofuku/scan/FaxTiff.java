package jp.ofuku.scan;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.stream.ImageInputStream;

/**
 * A TIFF page of fax data (CCITT RLE, T.4 or T.6 in strips), read by {@link FaxDecoder} so that
 * damage is told by what decodes rather than by the TIFF reader's warnings. Pages of any other
 * kind (tiles, more than one bit per pixel, strips the file does not hold) are left to the
 * TIFF reader.
 */
final class FaxTiff {

    private FaxTiff() {
    }

    /** TIFF tags not in the baseline tag set's constants used here. */
    private static final int T4_OPTIONS = 292;
    private static final int TILE_WIDTH = 322;

    /** The page decoded by {@link FaxDecoder}, when it is fax data this decoder reads. */
    static Optional<FaxDecoder.Decoded> decode(ImageInputStream in, IIOMetadata metadata, int width, int height)
            throws IOException {
        TIFFDirectory dir;
        try {
            dir = TIFFDirectory.createFromMetadata(metadata);
        } catch (javax.imageio.metadata.IIOInvalidTreeException | RuntimeException e) {
            return Optional.empty();
        }
        Optional<FaxDecoder.Coding> coding = coding(dir);
        TIFFField offsets = dir.getTIFFField(BaselineTIFFTagSet.TAG_STRIP_OFFSETS);
        TIFFField counts = dir.getTIFFField(BaselineTIFFTagSet.TAG_STRIP_BYTE_COUNTS);
        TIFFField bitsPerSample = dir.getTIFFField(BaselineTIFFTagSet.TAG_BITS_PER_SAMPLE);
        if (coding.isEmpty() || offsets == null || counts == null || offsets.getCount() != counts.getCount()
                || dir.getTIFFField(TILE_WIDTH) != null || bitsPerSample != null && bitsPerSample.getAsInt(0) != 1) {
            return Optional.empty();
        }
        int rowsPerStrip = intOr(dir, BaselineTIFFTagSet.TAG_ROWS_PER_STRIP, height);
        if (rowsPerStrip <= 0) {
            rowsPerStrip = height;
        }
        long length = in.length();
        List<byte[]> strips = new ArrayList<>();
        for (int i = 0; i < offsets.getCount(); i++) {
            long at = offsets.getAsLong(i);
            long n = counts.getAsLong(i);
            if (at < 0 || n < 0 || n > Integer.MAX_VALUE - 8 || length >= 0 && at + n > length) {
                // a strip the file does not hold: the TIFF reader says what it makes of that
                return Optional.empty();
            }
            byte[] strip = new byte[(int) n];
            in.seek(at);
            in.readFully(strip);
            strips.add(strip);
        }
        boolean lsbFirst = intOr(dir, BaselineTIFFTagSet.TAG_FILL_ORDER, 1) == 2;
        boolean blackIsZero = intOr(dir, BaselineTIFFTagSet.TAG_PHOTOMETRIC_INTERPRETATION, 0) == 1;
        return Optional.of(FaxDecoder.decode(strips, rowsPerStrip, width, height, coding.get(), lsbFirst, blackIsZero));
    }

    private static Optional<FaxDecoder.Coding> coding(TIFFDirectory dir) {
        return switch (intOr(dir, BaselineTIFFTagSet.TAG_COMPRESSION, 1)) {
            case BaselineTIFFTagSet.COMPRESSION_CCITT_RLE -> Optional.of(FaxDecoder.Coding.RLE);
            case BaselineTIFFTagSet.COMPRESSION_CCITT_T_4 -> (intOr(dir, T4_OPTIONS, 0) & 1) != 0
                    ? Optional.of(FaxDecoder.Coding.T4_2D) : Optional.of(FaxDecoder.Coding.T4_1D);
            case BaselineTIFFTagSet.COMPRESSION_CCITT_T_6 -> Optional.of(FaxDecoder.Coding.T6);
            default -> Optional.empty();
        };
    }

    private static int intOr(TIFFDirectory dir, int tag, int otherwise) {
        TIFFField field = dir.getTIFFField(tag);
        return field == null || field.getCount() == 0 ? otherwise : field.getAsInt(0);
    }
}
