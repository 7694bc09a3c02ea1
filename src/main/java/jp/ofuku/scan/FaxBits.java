package jp.ofuku.scan;

/** The bits of one strip of fax data, first bit first, in the file's fill order. */
final class FaxBits {

    private final byte[] data;
    private final long end;
    private final boolean lsbFirst;
    private long at;

    /** {@code lsbFirst}: TIFF FillOrder 2, the first bit of each byte is its lowest. */
    FaxBits(byte[] data, boolean lsbFirst) {
        this.data = data;
        this.end = 8L * data.length;
        this.lsbFirst = lsbFirst;
    }

    /** The next bit, or −1 at the end of the data. */
    int next() {
        if (at >= end) {
            return -1;
        }
        int b = data[(int) (at >>> 3)] & 0xFF;
        int shift = (int) (at & 7);
        at++;
        return lsbFirst ? (b >>> shift) & 1 : (b >>> (7 - shift)) & 1;
    }

    long position() {
        return at;
    }

    void seek(long position) {
        at = position;
    }

    boolean exhausted() {
        return at >= end;
    }

    /**
     * Consumes an EOL here, with any fill of zero bits before it (T.4 lets an encoder pad so each
     * EOL ends on a byte boundary): true when one was found; when not, nothing is consumed.
     */
    boolean eol() {
        long start = at;
        int zeros = 0;
        int bit;
        while ((bit = next()) == 0) {
            zeros++;
        }
        if (bit == 1 && zeros >= 11) {
            return true;
        }
        at = start;
        return false;
    }

    /** Moves past the next EOL (with its fill), wherever it is: true when there was one. */
    boolean skipToEol() {
        int zeros = 0;
        int bit;
        while ((bit = next()) >= 0) {
            if (bit == 0) {
                zeros++;
            } else if (zeros >= 11) {
                return true;
            } else {
                zeros = 0;
            }
        }
        return false;
    }

    /** Whether only zero bits (fill, or padding a writer left) remain. */
    boolean onlyZerosLeft() {
        long start = at;
        int bit;
        while ((bit = next()) == 0) {
            // fill
        }
        at = start;
        return bit < 0;
    }

    /** Moves on to the next byte boundary (rows of CCITT RLE each start on one). */
    void alignToByte() {
        at = (at + 7) & ~7L;
    }
}
