package jp.ofuku.letters;

import java.nio.charset.StandardCharsets;

/**
 * The ActualText of a marked-content span: the characters a run of glyphs stands for, as a
 * PDF text string (UTF-16BE with its byte-order mark, written in hex so no byte needs escaping).
 * Extraction, search and screen readers read it instead of the glyphs' own mapping.
 */
final class ActualText {

    private ActualText() {
    }

    static String hex(String text) {
        byte[] utf16 = text.getBytes(StandardCharsets.UTF_16BE);
        byte[] bytes = new byte[utf16.length + 2];
        bytes[0] = (byte) 0xFE;
        bytes[1] = (byte) 0xFF;
        System.arraycopy(utf16, 0, bytes, 2, utf16.length);
        return hexBytes(bytes);
    }

    /** Bytes as a PDF hexadecimal string, e.g. {@code <0A3F>}. */
    static String hexBytes(byte[] bytes) {
        StringBuilder out = new StringBuilder(2 + bytes.length * 2).append('<');
        for (byte b : bytes) {
            out.append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
        }
        return out.append('>').toString();
    }
}
