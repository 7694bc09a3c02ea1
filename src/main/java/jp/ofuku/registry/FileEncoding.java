package jp.ofuku.registry;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The encoding of a registry file: UTF-8 (with or without a byte order mark) or windows-31j,
 * the code page Japanese Windows and Excel write. Never Java's "Shift_JIS", which decodes
 * 0x8160 as U+301C instead of ～ (U+FF5E) and 0x817C as U+2212 instead of － (U+FF0D).
 */
public record FileEncoding(Charset charset, boolean byteOrderMark) {

    public static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    public String label() {
        return charset.name() + (byteOrderMark ? " with BOM" : "");
    }

    /** Opens the file for strict decoding, past any byte order mark. */
    public Reader open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (byteOrderMark) {
            in.readNBytes(UTF8_BOM.length);
        }
        return new StrictTextReader(in, charset);
    }

    /**
     * Resolves {@code requested} ("auto", "UTF-8", "windows-31j" and their usual aliases) for
     * the file. "auto" takes UTF-8 when the file has a BOM or is valid UTF-8 throughout, else
     * windows-31j when it is valid windows-31j throughout; otherwise the file is refused.
     */
    public static FileEncoding of(Path file, String requested) throws IOException {
        boolean bom = startsWithBom(file);
        String name = requested == null ? "auto" : requested.strip().toLowerCase(Locale.ROOT);
        switch (name) {
            case "auto":
                return detect(file, bom);
            case "utf-8", "utf8":
                return new FileEncoding(StandardCharsets.UTF_8, bom);
            case "windows-31j", "cp932", "ms932", "windows31j":
                return new FileEncoding(WINDOWS_31J, false);
            case "shift_jis", "shift-jis", "sjis", "x-sjis":
                throw new ImportRefusedException("encoding " + requested + " is not accepted: Java's Shift_JIS maps ～ and － "
                        + "to the wrong characters; use --encoding windows-31j, the encoding Japanese Windows and Excel write");
            default:
                throw new ImportRefusedException("unknown encoding " + requested + "; use auto, UTF-8 or windows-31j");
        }
    }

    private static FileEncoding detect(Path file, boolean bom) throws IOException {
        if (bom) {
            return new FileEncoding(StandardCharsets.UTF_8, true);
        }
        FileEncoding utf8 = new FileEncoding(StandardCharsets.UTF_8, false);
        UndecodableInputException notUtf8 = firstError(file, utf8);
        if (notUtf8 == null) {
            return utf8;
        }
        FileEncoding cp932 = new FileEncoding(WINDOWS_31J, false);
        UndecodableInputException notCp932 = firstError(file, cp932);
        if (notCp932 == null) {
            return cp932;
        }
        throw new ImportRefusedException("the file is neither UTF-8 (" + position(notUtf8) + ") nor windows-31j ("
                + position(notCp932) + "); save it again as UTF-8 or windows-31j, or name the encoding with --encoding");
    }

    private static String position(UndecodableInputException e) {
        return "line " + e.line() + ", column " + e.column() + ": bytes " + e.bytes();
    }

    private static UndecodableInputException firstError(Path file, FileEncoding encoding) throws IOException {
        char[] sink = new char[1 << 16];
        try (Reader reader = encoding.open(file)) {
            while (reader.read(sink) >= 0) {
                // decode only to find out whether every byte is valid
            }
            return null;
        } catch (UndecodableInputException e) {
            return e;
        }
    }

    private static boolean startsWithBom(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(UTF8_BOM.length);
            return head.length == UTF8_BOM.length && head[0] == UTF8_BOM[0] && head[1] == UTF8_BOM[1]
                    && head[2] == UTF8_BOM[2];
        }
    }
}
