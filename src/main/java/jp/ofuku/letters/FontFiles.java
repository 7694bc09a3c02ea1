package jp.ofuku.letters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;

/**
 * The TrueType fonts letters are drawn with, each parsed once per JVM (parsing a CJK font
 * takes longer than drawing a thousand pages). All from Debian packages installed by
 * scripts/setup; TrueType only, since PDFBox cannot subset CFF-based OpenType CJK fonts.
 */
public final class FontFiles {

    /** IPAex Gothic: the main Japanese face. */
    public static final Path IPAEX_GOTHIC = Path.of("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf");
    /** IPAmj Mincho: 58,000+ kanji of official names (戸籍統一文字), for those IPAex lacks. */
    public static final Path IPAMJ_MINCHO = Path.of("/usr/share/fonts/truetype/ipamj/ipamjm.ttf");
    /** Noto Sans: Latin with the Vietnamese, Portuguese and Tagalog marks. */
    public static final Path NOTO_SANS = Path.of("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf");
    public static final Path NOTO_SANS_BOLD = Path.of("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf");
    /** Nanum Gothic: Hangul. */
    public static final Path NANUM_GOTHIC = Path.of("/usr/share/fonts/truetype/nanum/NanumGothic.ttf");
    /** Droid Sans Fallback: simplified Chinese. */
    public static final Path DROID_FALLBACK = Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf");

    public static final List<Path> ALL = List.of(IPAEX_GOTHIC, IPAMJ_MINCHO, NOTO_SANS, NOTO_SANS_BOLD, NANUM_GOTHIC, DROID_FALLBACK);

    /**
     * Parsed fonts, one per JVM, shared by the threads that write print files. FontBox holds a
     * parsed font whole in memory (IPAmj Mincho alone is 46 MB), so one copy per thread cost
     * 140 MB more than one. Sharing is safe because every table is read while the font is loaded
     * (FontBox reads tables lazily and without a lock), and what is read later, glyph outlines
     * and raw table bytes for subsetting, FontBox reads under a lock on the font's data.
     */
    private static final Map<Path, TrueTypeFont> PARSED = new ConcurrentHashMap<>();

    private FontFiles() {
    }

    public static TrueTypeFont get(Path file) {
        return PARSED.computeIfAbsent(file, FontFiles::parse);
    }

    /** Reads the tables FontBox would otherwise read on first use, from whichever thread uses them first. */
    private static void readEveryTable(TrueTypeFont font) throws IOException {
        font.getHeader();
        font.getHorizontalHeader();
        font.getMaximumProfile();
        font.getHorizontalMetrics();
        font.getIndexToLocation();
        font.getGlyph();
        font.getNaming();
        font.getPostScript();
        font.getOS2Windows();
        font.getKerning();
        font.getVerticalHeader();
        font.getVerticalMetrics();
        font.getVerticalOrigin();
        font.getGsub();
        font.getCmap();
        font.getUnicodeCmapLookup().getCharCodes(0);
        font.getUnicodeCmapLookup(false);
    }

    private static TrueTypeFont parse(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("font " + file + " is missing: run scripts/setup to install the fonts letters need");
        }
        try {
            TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()));
            // Glyph substitution (ligatures, contextual forms) is for scripts ofuku does not print; PDFBox
            // applies it with regular expressions on every showText, which was 80 % of the time per page.
            font.setEnableGsub(false);
            readEveryTable(font);
            return font;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read font " + file, e);
        }
    }
}
