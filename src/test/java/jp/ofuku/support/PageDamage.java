package jp.ofuku.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/**
 * Damages a freshly rendered print file before its check, as a wrong plate or a bad merge
 * would: the first page of each named form shows another resident's letter instead.
 */
public final class PageDamage {

    private PageDamage() {
    }

    /** Replaces the first page of each form named (asked for when the file is rendered) by the next piece's first page. */
    public static Consumer<Path> swapFirstPageOf(Supplier<Set<String>> formCodes) {
        return pdf -> {
            Path manifest = pdf.resolveSibling(pdf.getFileName().toString().replace(".pdf", ".csv"));
            try (PDDocument doc = Loader.loadPDF(pdf.toFile()); Reader in = Files.newBufferedReader(manifest)) {
                boolean changed = false;
                Set<String> wanted = formCodes.get();
                for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                    int first = Integer.parseInt(row.get("first_page")) - 1;
                    int next = first + Integer.parseInt(row.get("page_count"));
                    if (wanted.contains(row.get("form_code"))) {
                        int other = next < doc.getNumberOfPages() ? next : 0;
                        PDPage victim = doc.getPage(first);
                        victim.setContents(doc.getPage(other).getContentStreams().next());
                        victim.setResources(doc.getPage(other).getResources());
                        changed = true;
                    }
                }
                if (changed) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    doc.save(bytes);
                    Files.write(pdf, bytes.toByteArray());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
