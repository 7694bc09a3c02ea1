package jp.ofuku.scan;

/**
 * The code words of CCITT T.4 and T.6 (ITU-T T.4 tables 1–4): run lengths of white and black,
 * and the 2-D coding modes, as binary tries a decoder walks one bit at a time.
 */
final class FaxCodes {

    private FaxCodes() {
    }

    /** What a code word stands for, besides a run length. */
    static final int EOL = -1;
    static final int INVALID = -2;

    /** 2-D coding modes. */
    static final int PASS = 100;
    static final int HORIZONTAL = 101;
    /** Vertical modes: {@code VERTICAL + d} for a1 = b1 + d, d from −3 to 3. */
    static final int VERTICAL = 110;
    static final int EXTENSION = 120;

    private static final String[] WHITE_TERMINATING = {"00110101", "000111", "0111", "1000", "1011", "1100", "1110", "1111",
        "10011", "10100", "00111", "01000", "001000", "000011", "110100", "110101", "101010", "101011", "0100111", "0001100",
        "0001000", "0010111", "0000011", "0000100", "0101000", "0101011", "0010011", "0100100", "0011000", "00000010",
        "00000011", "00011010", "00011011", "00010010", "00010011", "00010100", "00010101", "00010110", "00010111",
        "00101000", "00101001", "00101010", "00101011", "00101100", "00101101", "00000100", "00000101", "00001010",
        "00001011", "01010010", "01010011", "01010100", "01010101", "00100100", "00100101", "01011000", "01011001",
        "01011010", "01011011", "01001010", "01001011", "00110010", "00110011", "00110100"};

    private static final String[] WHITE_MAKEUP = {"11011", "10010", "010111", "0110111", "00110110", "00110111", "01100100",
        "01100101", "01101000", "01100111", "011001100", "011001101", "011010010", "011010011", "011010100", "011010101",
        "011010110", "011010111", "011011000", "011011001", "011011010", "011011011", "010011000", "010011001", "010011010",
        "011000", "010011011"};

    private static final String[] BLACK_TERMINATING = {"0000110111", "010", "11", "10", "011", "0011", "0010", "00011",
        "000101", "000100", "0000100", "0000101", "0000111", "00000100", "00000111", "000011000", "0000010111", "0000011000",
        "0000001000", "00001100111", "00001101000", "00001101100", "00000110111", "00000101000", "00000010111",
        "00000011000", "000011001010", "000011001011", "000011001100", "000011001101", "000001101000", "000001101001",
        "000001101010", "000001101011", "000011010010", "000011010011", "000011010100", "000011010101", "000011010110",
        "000011010111", "000001101100", "000001101101", "000011011010", "000011011011", "000001010100", "000001010101",
        "000001010110", "000001010111", "000001100100", "000001100101", "000001010010", "000001010011", "000000100100",
        "000000110111", "000000111000", "000000100111", "000000101000", "000001011000", "000001011001", "000000101011",
        "000000101100", "000001011010", "000001100110", "000001100111"};

    private static final String[] BLACK_MAKEUP = {"0000001111", "000011001000", "000011001001", "000001011011",
        "000000110011", "000000110100", "000000110101", "0000001101100", "0000001101101", "0000001001010", "0000001001011",
        "0000001001100", "0000001001101", "0000001110010", "0000001110011", "0000001110100", "0000001110101",
        "0000001110110", "0000001110111", "0000001010010", "0000001010011", "0000001010100", "0000001010101",
        "0000001011010", "0000001011011", "0000001100100", "0000001100101"};

    /** Make-up codes for runs of 1792 to 2560, the same for both colours. */
    private static final String[] EXTENDED_MAKEUP = {"00000001000", "00000001100", "00000001101", "000000010010",
        "000000010011", "000000010100", "000000010101", "000000010110", "000000010111", "000000011100", "000000011101",
        "000000011110", "000000011111"};

    private static final String EOL_CODE = "000000000001";

    /** Run lengths of white: a terminating code (0–63) ends a run; a make-up code (64 and up) is followed by more. */
    static final Trie WHITE = runs(WHITE_TERMINATING, WHITE_MAKEUP);
    static final Trie BLACK = runs(BLACK_TERMINATING, BLACK_MAKEUP);

    /** The 2-D coding modes of T.4 (MR) and T.6 (MMR). */
    static final Trie MODES = modes();

    private static Trie runs(String[] terminating, String[] makeup) {
        Trie t = new Trie();
        for (int run = 0; run < terminating.length; run++) {
            t.add(terminating[run], run);
        }
        for (int i = 0; i < makeup.length; i++) {
            t.add(makeup[i], 64 * (i + 1));
        }
        for (int i = 0; i < EXTENDED_MAKEUP.length; i++) {
            t.add(EXTENDED_MAKEUP[i], 1792 + 64 * i);
        }
        t.add(EOL_CODE, EOL);
        return t;
    }

    private static Trie modes() {
        Trie t = new Trie();
        t.add("0001", PASS);
        t.add("001", HORIZONTAL);
        t.add("1", VERTICAL);
        t.add("011", VERTICAL + 1);
        t.add("000011", VERTICAL + 2);
        t.add("0000011", VERTICAL + 3);
        t.add("010", VERTICAL - 1);
        t.add("000010", VERTICAL - 2);
        t.add("0000010", VERTICAL - 3);
        t.add("0000001", EXTENSION);
        t.add(EOL_CODE, EOL);
        return t;
    }

    /** A binary trie over code words, kept in two arrays: node n's children are next[2n] and next[2n + 1]. */
    static final class Trie {
        private final int[] next = new int[2 * 2048];
        private final int[] value = new int[2048];
        private int nodes = 1;

        Trie() {
            java.util.Arrays.fill(value, INVALID);
        }

        void add(String code, int meaning) {
            int n = 0;
            for (int i = 0; i < code.length(); i++) {
                int bit = code.charAt(i) - '0';
                if (value[n] != INVALID) {
                    throw new IllegalStateException("code " + code + " extends another");
                }
                if (next[2 * n + bit] == 0) {
                    next[2 * n + bit] = nodes++;
                }
                n = next[2 * n + bit];
            }
            if (value[n] != INVALID || next[2 * n] != 0 || next[2 * n + 1] != 0) {
                throw new IllegalStateException("code " + code + " is not a leaf");
            }
            value[n] = meaning;
        }

        /** The meaning of the next code word in {@code bits}, consuming it; INVALID (nothing consumed past the error) when none. */
        int read(FaxBits bits) {
            int n = 0;
            while (true) {
                int bit = bits.next();
                if (bit < 0) {
                    return INVALID;
                }
                n = next[2 * n + bit];
                if (n == 0) {
                    return INVALID;
                }
                if (value[n] != INVALID) {
                    return value[n];
                }
            }
        }
    }
}
