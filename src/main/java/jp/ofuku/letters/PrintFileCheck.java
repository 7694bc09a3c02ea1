package jp.ofuku.letters;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/**
 * Proves a print file's PDF and manifest agree with the registry before it goes to the
 * printer: every manifest row's pages carry that resident's name, address and form code and
 * the right "sheet k of n"; no page is missing, extra or out of order. Reads the files as
 * written, not what was meant to be written.
 */
public final class PrintFileCheck {

    private PrintFileCheck() {
    }

    public static void verify(Path pdf, Path manifest, List<MailPiece> expected) throws IOException {
        List<String> problems = problems(pdf, manifest, expected);
        if (!problems.isEmpty()) {
            throw new PrintFileMismatchException(pdf.getFileName() + " and its manifest disagree: " + firstFew(problems));
        }
    }

    static String firstFew(List<String> problems) {
        return String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                + (problems.size() > 5 ? "; and " + (problems.size() - 5) + " more" : "");
    }

    public static List<String> problems(Path pdf, Path manifest, List<MailPiece> expected) throws IOException {
        return check(pdf, manifest, expected).all();
    }

    /**
     * What the check found: problems of single pieces (a page that does not carry its
     * resident's name, address or sheet label), by form code, and problems of the file as a
     * whole (pages missing or extra, a manifest that does not match the run).
     */
    public record Findings(Map<String, List<String>> byPiece, List<String> whole) {

        public boolean clean() {
            return byPiece.isEmpty() && whole.isEmpty();
        }

        public List<String> all() {
            List<String> all = new ArrayList<>(whole);
            byPiece.values().forEach(all::addAll);
            return all;
        }
    }

    public static Findings check(Path pdf, Path manifest, List<MailPiece> expected) throws IOException {
        Map<String, MailPiece> byCode = new HashMap<>();
        expected.forEach(p -> byCode.put(p.formCode().digits(), p));
        Map<String, List<String>> byPiece = new LinkedHashMap<>();
        List<String> whole = new ArrayList<>();
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
        if (rows.size() != expected.size()) {
            whole.add("the manifest has " + rows.size() + " pieces, " + expected.size() + " were meant");
        }
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            List<String> pageTexts = pageTexts(document);
            int nextPage = 1;
            for (CSVRecord row : rows) {
                String code = row.get("form_code");
                MailPiece piece = byCode.remove(code);
                int first = Integer.parseInt(row.get("first_page"));
                int count = Integer.parseInt(row.get("page_count"));
                if (piece == null) {
                    whole.add("manifest row " + row.get("sequence") + " names form " + code + ", which is not in this run");
                    continue;
                }
                if (first != nextPage) {
                    whole.add("piece " + code + " starts on page " + first + ", expected " + nextPage);
                }
                nextPage = first + count;
                if (!row.get("resident_id").equals(piece.residentId()) || !row.get("options").equals(PrintFile.options(piece))) {
                    whole.add("manifest row " + row.get("sequence") + " does not match form " + code + " in the registry");
                }
                for (int sheet = 1; sheet <= count; sheet++) {
                    int page = first + sheet - 1;
                    if (page > pageTexts.size()) {
                        whole.add("page " + page + " of form " + code + " is missing");
                        continue;
                    }
                    String text = squeeze(pageTexts.get(page - 1));
                    if (!text.contains(squeeze(SheetMark.label(piece.formCode(), sheet, count)))) {
                        byPiece.computeIfAbsent(code, k -> new ArrayList<>())
                                .add("page " + page + " is not sheet " + sheet + "/" + count + " of form " + code);
                    }
                    if (!text.contains(squeeze(piece.name())) || !text.contains(squeeze(piece.address()))) {
                        byPiece.computeIfAbsent(code, k -> new ArrayList<>())
                                .add("page " + page + " does not carry the name and address of form " + code);
                    }
                }
            }
            if (nextPage - 1 != document.getNumberOfPages()) {
                whole.add("the PDF has " + document.getNumberOfPages() + " pages, the manifest accounts for " + (nextPage - 1));
            }
        }
        if (!byCode.isEmpty()) {
            whole.add(byCode.size() + " pieces are missing from the manifest, e.g. form " + byCode.keySet().iterator().next());
        }
        return new Findings(byPiece, whole);
    }

    /** The text of every page, in content-stream order. */
    static List<String> pageTexts(PDDocument document) throws IOException {
        List<String> pages = new ArrayList<>(document.getNumberOfPages());
        PageText reader = new PageText();
        for (PDPage page : document.getPages()) {
            pages.add(reader.of(page));
        }
        return pages;
    }

    /** Text without any white space: line breaks of wrapped names and gaps between font runs do not count. */
    public static String squeeze(String s) {
        return s.replaceAll("(?U)\\s+", "");
    }
}
