package jp.ofuku.scan;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Decodes a fax page (CCITT RLE, T.4 1-D and 2-D, T.6) row by row and says which rows did not
 * decode whole. Damage is judged by what decoding yields, never by how an encoder chose to write:
 * a row is damaged when a code word is not one, a row's runs do not add up to its width, a row of
 * a stream that marks rows with EOLs does not start with one, or the data ends before the page's
 * height. What encoders differ in is not damage: no EOL before the first row, fill bits before
 * each EOL, a missing or extra RTC, extra EOLs, the uncompressed-mode escape of 2-D coding.
 * After damage, T.4 finds its step again at the next EOL (2-D rows until the next 1-D row are
 * counted damaged: they are drawn from a damaged row); T.6 and RLE cannot, so the rest of the
 * strip is damaged.
 */
final class FaxDecoder {

    /** The coding of the page's data (TIFF Compression 2, 3 with T4Options bit 0 clear or set, 4). */
    enum Coding { RLE, T4_1D, T4_2D, T6 }

    /**
     * The page, and the rows that did not decode whole, as notes that name them ("rows 934 to
     * 2286 of 2287: the data ends early") and as bands of rows {from, to}.
     */
    record Decoded(BufferedImage image, List<int[]> damaged, List<String> notes) {
        boolean whole() {
            return damaged.isEmpty();
        }
    }

    private static final class Bad extends Exception {
        Bad(String why) {
            super(why, null, false, false);
        }
    }

    private final int width;
    private final int height;
    private final Coding coding;
    private final boolean lsbFirst;
    private final BufferedImage image;
    private final byte[] raster;
    private final int stride;
    private int[] ref;
    private int refCount;
    private int[] cur;
    private int curCount;
    private FaxBits bits;
    private final List<int[]> damaged = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private FaxDecoder(int width, int height, Coding coding, boolean lsbFirst) {
        this.width = width;
        this.height = height;
        this.coding = coding;
        this.lsbFirst = lsbFirst;
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
        this.raster = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        this.stride = (width + 7) / 8;
        Arrays.fill(raster, (byte) 0xFF);
        this.ref = new int[width + 4];
        this.cur = new int[width + 4];
    }

    /**
     * Decodes a page of {@code width} × {@code height} from its strips, each holding up to
     * {@code rowsPerStrip} rows. {@code blackIsZero}: the file says 0 is black (TIFF Photometric 1),
     * so what the code calls black is shown white, as the TIFF reader would.
     */
    static Decoded decode(List<byte[]> strips, int rowsPerStrip, int width, int height, Coding coding, boolean lsbFirst,
            boolean blackIsZero) {
        FaxDecoder d = new FaxDecoder(width, height, coding, lsbFirst);
        int y = 0;
        for (byte[] strip : strips) {
            if (y >= height) {
                break;
            }
            int rows = Math.min(rowsPerStrip, height - y);
            d.strip(strip, y, rows);
            y += rows;
        }
        if (y < height) {
            d.damage(y, height - 1, "the file holds no data for them");
        }
        if (blackIsZero) {
            for (int i = 0; i < d.raster.length; i++) {
                d.raster[i] = (byte) ~d.raster[i];
            }
        }
        // rows that did not decode are shown as paper, not as what a decoder that lost its step drew
        for (int[] band : d.damaged) {
            Arrays.fill(d.raster, band[0] * d.stride, (band[1] + 1) * d.stride, (byte) 0xFF);
        }
        return new Decoded(d.image, List.copyOf(d.damaged), List.copyOf(d.notes));
    }

    private void strip(byte[] data, int y0, int rows) {
        bits = new FaxBits(data, lsbFirst);
        refCount = 0;
        setSentinels(ref, 0);
        switch (coding) {
            case T4_1D, T4_2D -> t4(y0, rows);
            case T6, RLE -> unsynchronised(y0, rows);
        }
    }

    /** T.4: rows marked by EOLs, where a decoder finds its step again after damage. */
    private void t4(int y0, int rows) {
        boolean eolPending = false;
        Boolean eolsUsed = null;
        boolean referenceBroken = false;
        for (int r = 0; r < rows; r++) {
            int y = y0 + r;
            long start = bits.position();
            boolean eol = eolPending || bits.eol();
            eolPending = false;
            boolean oneD = coding == Coding.T4_1D;
            if (eol && coding == Coding.T4_2D) {
                int tag = bits.next();
                // extra EOLs (a doubled EOL, an RTC) each carry a tag bit in 2-D coding
                while (bits.eol()) {
                    tag = bits.next();
                }
                oneD = tag == 1;
            } else if (eol) {
                while (bits.eol()) {
                    // extra EOLs: empty, not rows
                }
            } else if (coding == Coding.T4_2D) {
                oneD = true; // a first row without its EOL has no tag bit either
            }
            if (r == 1) {
                eolsUsed = eol;
            }
            if (bits.exhausted() || bits.onlyZerosLeft()) {
                damage(y, y0 + rows - 1, "the data ends early");
                return;
            }
            long rowStart = bits.position();
            try {
                if (r > 0 && !eol && Boolean.TRUE.equals(eolsUsed)) {
                    // the row above ended where no row can: it, or this one, lost bits
                    damage(y - 1, y - 1, "does not decode (no EOL after it)");
                    throw new Bad("no EOL before it");
                }
                if (oneD) {
                    row1D(y);
                    referenceBroken = false;
                } else {
                    row2D(y);
                    if (referenceBroken) {
                        damage(y, y, "drawn from a damaged row above");
                    }
                }
                swap();
            } catch (Bad e) {
                if (bitsEndedAfter(start)) {
                    damage(y, y0 + rows - 1, "the data ends early");
                    return;
                }
                damage(y, y, "does not decode (" + e.getMessage() + ")");
                referenceBroken = true;
                curCount = 0;
                swap();
                // the next row starts at the first EOL after this one's start (the failed decode may have read past it)
                bits.seek(rowStart);
                if (!bits.skipToEol()) {
                    if (r + 1 < rows) {
                        damage(y + 1, y0 + rows - 1, "the data ends early");
                    }
                    return;
                }
                eolPending = true; // in 2-D coding its tag bit is read as the next row starts
            }
        }
    }

    /** T.6 and RLE: no EOLs, so damage runs to the end of the strip. */
    private void unsynchronised(int y0, int rows) {
        for (int r = 0; r < rows; r++) {
            int y = y0 + r;
            long start = bits.position();
            try {
                if (coding == Coding.RLE) {
                    row1D(y);
                    bits.alignToByte();
                } else {
                    row2D(y);
                }
                swap();
            } catch (Bad e) {
                damage(y, y0 + rows - 1, bitsEndedAfter(start) ? "the data ends early"
                        : "do not decode (" + e.getMessage() + " in its first row)");
                return;
            }
        }
        // Without EOLs a decoder that lost its step may find it again by chance and draw rows of the right
        // width from changed bits; it then does not end where the data does. Only EOLs (T.6's EOFB) and
        // zeros may follow the last row.
        while (bits.eol()) {
            // EOFB
        }
        if (!bits.onlyZerosLeft()) {
            damage(y0, y0 + rows - 1, "do not decode whole (the data goes on past their last row: bits in them were changed)");
        }
    }

    private boolean bitsEndedAfter(long start) {
        long now = bits.position();
        bits.seek(start);
        boolean ended = bits.onlyZerosLeft();
        bits.seek(now);
        return ended || bits.exhausted();
    }

    /** One row of 1-D (Modified Huffman) runs, white first. */
    private void row1D(int y) throws Bad {
        int a = 0;
        boolean white = true;
        curCount = 0;
        while (a < width) {
            int run = run(white);
            if (a + run > width) {
                throw new Bad(String.format(Locale.ROOT, "runs of %d pixels in a row of %d", a + run, width));
            }
            if (!white) {
                black(y, a, a + run);
            }
            a += run;
            change(a);
            white = !white;
        }
        setSentinels(cur, curCount);
    }

    /** One row coded against the row above (T.4 2-D, T.6): the changing elements a1, a2 found from b1, b2. */
    private void row2D(int y) throws Bad {
        int a0 = -1;
        boolean white = true;
        curCount = 0;
        int i = 0;
        while (a0 < width) {
            int from = Math.max(a0, 0);
            while (i < refCount && ref[i] <= a0) {
                i++;
            }
            int j = (i & 1) == (white ? 0 : 1) ? i : i + 1;
            int b1 = j < refCount ? ref[j] : width;
            int b2 = j + 1 < refCount ? ref[j + 1] : width;
            int mode = FaxCodes.MODES.read(bits);
            if (mode == FaxCodes.PASS) {
                if (!white) {
                    black(y, from, b2);
                }
                a0 = b2;
            } else if (mode == FaxCodes.HORIZONTAL) {
                int a1 = from + run(white);
                int a2 = a1 + run(!white);
                if (a2 > width) {
                    throw new Bad(String.format(Locale.ROOT, "runs of %d pixels in a row of %d", a2, width));
                }
                black(y, white ? a1 : from, white ? a2 : a1);
                change(a1);
                change(a2);
                a0 = a2;
            } else if (mode >= FaxCodes.VERTICAL - 3 && mode <= FaxCodes.VERTICAL + 3) {
                int a1 = b1 + mode - FaxCodes.VERTICAL;
                if (a1 < from || a1 > width) {
                    throw new Bad("a change of colour outside the row");
                }
                if (!white) {
                    black(y, from, a1);
                }
                change(a1);
                a0 = a1;
                white = !white;
            } else if (mode == FaxCodes.EXTENSION) {
                int[] end = uncompressed(y, from, white);
                a0 = end[0];
                white = end[1] == 0;
            } else {
                throw new Bad(mode == FaxCodes.EOL ? "an EOL inside the row" : "a code that is not one");
            }
        }
        if (a0 > width) {
            throw new Bad("a row longer than " + width + " pixels");
        }
        setSentinels(cur, curCount);
    }

    /**
     * The uncompressed mode of 2-D coding (T.4 annex, entered by 0000001111): pixels one by one;
     * returns {position, colour of the next run (1 black)}.
     */
    private int[] uncompressed(int y, int from, boolean white) throws Bad {
        int entrance = 0;
        for (int k = 0; k < 3; k++) {
            int bit = bits.next();
            if (bit < 0) {
                throw new Bad("the data ends in an extension code");
            }
            entrance = entrance << 1 | bit;
        }
        if (entrance != 7) {
            throw new Bad("an extension other than uncompressed mode");
        }
        int a = from;
        boolean lastBlack = !white;
        while (true) {
            int zeros = 0;
            int bit;
            while ((bit = bits.next()) == 0) {
                zeros++;
            }
            if (bit < 0) {
                throw new Bad("the data ends in uncompressed mode");
            }
            int whites = zeros <= 5 ? zeros : zeros - 6;
            if (whites > 0) {
                if (lastBlack) {
                    change(a);
                }
                lastBlack = false;
                a += whites;
            }
            if (zeros < 5) {
                if (!lastBlack) {
                    change(a);
                }
                black(y, a, a + 1);
                lastBlack = true;
                a++;
            }
            if (a > width) {
                throw new Bad("uncompressed pixels past the row's end");
            }
            if (zeros >= 6) {
                int next = bits.next();
                if (next < 0) {
                    throw new Bad("the data ends in uncompressed mode");
                }
                if ((next == 1) != lastBlack) {
                    change(a);
                }
                return new int[] {a, next};
            }
        }
    }

    /** A run of the colour: make-up codes and the terminating code that ends it. */
    private int run(boolean white) throws Bad {
        FaxCodes.Trie codes = white ? FaxCodes.WHITE : FaxCodes.BLACK;
        int total = 0;
        while (true) {
            int code = codes.read(bits);
            if (code == FaxCodes.EOL) {
                throw new Bad("an EOL inside the row");
            }
            if (code < 0) {
                throw new Bad("a code that is not one");
            }
            total += code;
            if (code < 64) {
                return total;
            }
            if (total > width) {
                throw new Bad(String.format(Locale.ROOT, "a run of %d pixels in a row of %d", total, width));
            }
        }
    }

    /** A change of colour at {@code a}; two at one place cancel (a run of 0 after a make-up code). */
    private void change(int a) {
        if (a >= width) {
            return;
        }
        if (curCount > 0 && cur[curCount - 1] == a) {
            curCount--;
        } else {
            cur[curCount++] = a;
        }
    }

    private void setSentinels(int[] changes, int count) {
        changes[count] = width;
        changes[count + 1] = width;
    }

    private void swap() {
        int[] t = ref;
        ref = cur;
        refCount = curCount;
        cur = t;
    }

    private void black(int y, int from, int to) {
        int base = y * stride;
        for (int x = Math.max(0, from); x < Math.min(to, width); x++) {
            raster[base + (x >>> 3)] &= (byte) ~(0x80 >>> (x & 7));
        }
    }

    private void damage(int from, int to, String why) {
        if (!damaged.isEmpty()) {
            int[] last = damaged.get(damaged.size() - 1);
            String lastNote = notes.get(notes.size() - 1);
            if (from <= last[1] + 1 && lastNote.endsWith(why)) {
                last[1] = Math.max(last[1], to);
                notes.set(notes.size() - 1, describe(last[0], last[1], why));
                return;
            }
        }
        damaged.add(new int[] {from, to});
        notes.add(describe(from, to, why));
    }

    private String describe(int from, int to, String why) {
        return (from == to ? String.format(Locale.ROOT, "row %d of %d: ", from, height)
                : String.format(Locale.ROOT, "rows %d to %d of %d: ", from, to, height)) + why;
    }
}
