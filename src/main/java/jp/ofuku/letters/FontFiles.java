package jp.ofuku.letters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.HashMap;

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
     * Parsed fonts, per thread: a TrueTypeFont reads glyphs lazily from its file and is not safe
     * to share, and print files are written on two threads at once.
     */
    private static final ThreadLocal<Map<Path, TrueTypeFont>> PARSED = ThreadLocal.withInitial(HashMap::new);

    private FontFiles() {
    }

    public static TrueTypeFont get(Path file) {
        return PARSED.get().computeIfAbsent(file, FontFiles::parse);
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
            return font;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read font " + file, e);
        }
    }
}
