package jp.ofuku.letters;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Gives the variant glyphs a document drew (葛󠄀, drawn by glyph id) a place in their font's
 * ToUnicode map: PDFBox writes that map when it subsets the font on saving, from the font's
 * Unicode cmap, where a variant glyph has no character. The document is subset by a first
 * save, each map is given the sequences its variant glyphs stand for, and the caller saves it
 * again. Only documents that drew a variant glyph pay for the extra save.
 */
final class VariantGlyphs {

    private VariantGlyphs() {
    }

    static void addToUnicode(PDDocument document, Map<PDType0Font, Map<Integer, String>> variants) throws IOException {
        if (variants.values().stream().allMatch(Map::isEmpty)) {
            return;
        }
        document.save(OutputStream.nullOutputStream());
        for (var font : variants.entrySet()) {
            if (font.getValue().isEmpty()) {
                continue;
            }
            COSStream map = font.getKey().getCOSObject().getCOSStream(COSName.TO_UNICODE);
            if (map == null) {
                throw new IOException("font " + font.getKey().getName() + " was saved without a ToUnicode map");
            }
            String cmap;
            try (InputStream in = map.createInputStream()) {
                cmap = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            int end = cmap.lastIndexOf("endcmap");
            if (end < 0) {
                throw new IOException("the ToUnicode map of font " + font.getKey().getName() + " has no endcmap");
            }
            StringBuilder entries = new StringBuilder();
            int n = 0;
            for (var glyph : font.getValue().entrySet()) {
                if (n % 100 == 0) {
                    entries.append(n == 0 ? "" : "endbfchar\n")
                            .append(Math.min(100, font.getValue().size() - n)).append(" beginbfchar\n");
                }
                entries.append(ActualText.hexBytes(new byte[] {(byte) (glyph.getKey() >> 8), (byte) (int) glyph.getKey()}))
                        .append(' ').append(ActualText.hexBytes(glyph.getValue().getBytes(StandardCharsets.UTF_16BE))).append('\n');
                n++;
            }
            entries.append("endbfchar\n");
            try (OutputStream out = map.createOutputStream(COSName.FLATE_DECODE)) {
                out.write((cmap.substring(0, end) + entries + cmap.substring(end)).getBytes(StandardCharsets.ISO_8859_1));
            }
        }
    }
}
