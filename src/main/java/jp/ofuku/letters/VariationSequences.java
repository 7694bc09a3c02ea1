package jp.ofuku.letters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import org.apache.fontbox.ttf.TTFTable;
import org.apache.fontbox.ttf.TrueTypeFont;

/**
 * A font's ideographic variation sequences (葛 + U+E0100 → the glyph the registry asks for),
 * read from its cmap subtable of format 14, which FontBox parses no further than its header.
 * IPAmj Mincho carries the IVS of the 戸籍統一文字, the reason official names are printed from it.
 */
final class VariationSequences {

    private static final Map<TrueTypeFont, VariationSequences> OF_FONT = new java.util.concurrent.ConcurrentHashMap<>();

    /** Sequences with a glyph of their own: (base, selector) → glyph id. */
    private final Map<Long, Integer> glyphs = new HashMap<>();
    /** Sequences drawn by the base character's own glyph. */
    private final Set<Long> defaults = new HashSet<>();

    private VariationSequences() {
    }

    static VariationSequences of(TrueTypeFont font) {
        return OF_FONT.computeIfAbsent(font, VariationSequences::read);
    }

    /** The glyph that draws {@code base} followed by {@code selector}, if this font knows the sequence. */
    OptionalInt glyph(int base, int selector, int baseGlyph) {
        long key = key(base, selector);
        Integer own = glyphs.get(key);
        if (own != null) {
            return OptionalInt.of(own);
        }
        return defaults.contains(key) && baseGlyph > 0 ? OptionalInt.of(baseGlyph) : OptionalInt.empty();
    }

    int size() {
        return glyphs.size() + defaults.size();
    }

    private static long key(int base, int selector) {
        return ((long) base << 21) | selector;
    }

    private static VariationSequences read(TrueTypeFont font) {
        VariationSequences sequences = new VariationSequences();
        try {
            TTFTable cmapTable = font.getTableMap().get("cmap");
            if (cmapTable == null) {
                return sequences;
            }
            ByteBuffer cmap = ByteBuffer.wrap(font.getTableBytes(cmapTable));
            int tables = Short.toUnsignedInt(cmap.getShort(2));
            for (int t = 0; t < tables; t++) {
                int record = 4 + t * 8;
                int platform = Short.toUnsignedInt(cmap.getShort(record));
                int encoding = Short.toUnsignedInt(cmap.getShort(record + 2));
                int offset = cmap.getInt(record + 4);
                if (platform == 0 && encoding == 5 && Short.toUnsignedInt(cmap.getShort(offset)) == 14) {
                    sequences.readFormat14(cmap, offset);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            // a damaged format-14 subtable: the font's sequences are not trusted, names fold to their base
            return new VariationSequences();
        }
        return sequences;
    }

    private void readFormat14(ByteBuffer cmap, int at) {
        long records = Integer.toUnsignedLong(cmap.getInt(at + 6));
        for (int r = 0; r < records; r++) {
            int record = at + 10 + r * 11;
            int selector = uint24(cmap, record);
            int defaultOffset = cmap.getInt(record + 3);
            int ownOffset = cmap.getInt(record + 7);
            if (defaultOffset != 0) {
                int ranges = cmap.getInt(at + defaultOffset);
                for (int i = 0; i < ranges; i++) {
                    int range = at + defaultOffset + 4 + i * 4;
                    int start = uint24(cmap, range);
                    int count = Byte.toUnsignedInt(cmap.get(range + 3));
                    for (int c = start; c <= start + count; c++) {
                        defaults.add(key(c, selector));
                    }
                }
            }
            if (ownOffset != 0) {
                int mappings = cmap.getInt(at + ownOffset);
                for (int i = 0; i < mappings; i++) {
                    int mapping = at + ownOffset + 4 + i * 5;
                    glyphs.put(key(uint24(cmap, mapping), selector), Short.toUnsignedInt(cmap.getShort(mapping + 3)));
                }
            }
        }
    }

    private static int uint24(ByteBuffer b, int at) {
        return (Byte.toUnsignedInt(b.get(at)) << 16) | (Byte.toUnsignedInt(b.get(at + 1)) << 8) | Byte.toUnsignedInt(b.get(at + 2));
    }
}
