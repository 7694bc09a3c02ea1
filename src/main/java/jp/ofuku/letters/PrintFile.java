package jp.ofuku.letters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * One print file: a PDF of at most 1,000 mail pieces and its manifest CSV, written under
 * temporary names, checked against each other, then renamed into place (manifest first, so
 * a PDF in place always has its manifest).
 */
public final class PrintFile {

    public static final List<String> MANIFEST_HEADER = List.of("sequence", "form_code", "resident_id", "postal_code",
            "language", "first_page", "page_count", "options");
    public static final int MAX_PIECES = 1000;

    private PrintFile() {
    }

    public static Path pdf(Path dir, String name) {
        return dir.resolve(name + ".pdf");
    }

    public static Path manifest(Path dir, String name) {
        return dir.resolve(name + ".csv");
    }

    static Path part(Path file) {
        return file.resolveSibling(file.getFileName() + ".part");
    }

    /**
     * A share of a file's pieces failing the page check above which the fault is the font or the
     * template, not a resident: the run stops instead of holding them. At least this many
     * pieces may always be held, so that one odd name in a small file is held, not fatal.
     */
    static final double BROKEN_SHARE = 0.05;
    static final int ALWAYS_HOLDABLE = 2;
    /** Renderings of one file before giving up: a piece held changes nothing in the others. */
    private static final int MAX_RENDERINGS = 3;

    /**
     * What went to the printer: the pages and pieces of the file in place (none when every
     * piece was held), and the pieces held back with the check's reason, by form code.
     */
    public record Written(int pages, int pieces, Map<String, String> held) {
    }

    /** Writes, checks and renames into place. */
    public static Written write(Path dir, String name, List<MailPiece> pieces, LetterContext context) throws IOException {
        return write(dir, name, pieces, context, pdf -> { });
    }

    /**
     * Writes, checks and renames into place. A piece whose pages disagree with the manifest or
     * the registry is held with the check's reason and the file rendered again without it, so
     * one resident never stops the others; what is renamed into place has passed the check
     * whole. Too many pieces failing (a broken font or template) stops with the check's reasons.
     * No pieces (every one withdrawn or held) writes no file.
     * {@code afterRender} sees the rendered PDF before it is checked (for tests that damage it).
     */
    public static Written write(Path dir, String name, List<MailPiece> pieces, LetterContext context, Consumer<Path> afterRender)
            throws IOException {
        try {
            return writeChecked(dir, name, pieces, context, afterRender);
        } catch (IOException e) {
            // a full disk leaves nothing half-written: the next run writes the file whole
            long written = partSize(pdf(dir, name)) + partSize(manifest(dir, name));
            Files.deleteIfExists(part(pdf(dir, name)));
            Files.deleteIfExists(part(manifest(dir, name)));
            throw jp.ofuku.ops.OnDisk.whenFull(e, dir, written, name + ".pdf");
        }
    }

    private static long partSize(Path file) throws IOException {
        Path part = part(file);
        return Files.exists(part) ? Files.size(part) : 0;
    }

    private static Written writeChecked(Path dir, String name, List<MailPiece> pieces, LetterContext context,
            Consumer<Path> afterRender) throws IOException {
        if (pieces.size() > MAX_PIECES) {
            throw new IllegalArgumentException("a print file holds at most " + MAX_PIECES + " pieces, not " + pieces.size());
        }
        Files.createDirectories(dir);
        Path pdf = pdf(dir, name);
        Path manifest = manifest(dir, name);
        Map<String, String> held = new LinkedHashMap<>();
        List<MailPiece> printing = pieces;
        for (int rendering = 1; !printing.isEmpty(); rendering++) {
            int pages = render(part(pdf), printing, context, name);
            writeManifest(part(manifest), printing);
            afterRender.accept(part(pdf));
            PrintFileCheck.Findings findings = PrintFileCheck.check(part(pdf), part(manifest), printing);
            if (findings.clean()) {
                // forced to disk before the caller records the file as printed
                jp.ofuku.ops.OnDisk.publish(part(manifest), manifest);
                jp.ofuku.ops.OnDisk.publish(part(pdf), pdf);
                return new Written(pages, printing.size(), held);
            }
            int failing = held.size() + findings.byPiece().size();
            if (!findings.whole().isEmpty() || failing > Math.max(ALWAYS_HOLDABLE, BROKEN_SHARE * pieces.size())
                    || rendering == MAX_RENDERINGS) {
                throw new PrintFileMismatchException(name + ".pdf and its manifest disagree"
                        + (findings.whole().isEmpty() ? " for " + failing + " of " + pieces.size()
                                + " pieces (a broken font or template, not one resident; nothing was printed)" : "")
                        + ": " + PrintFileCheck.firstFew(findings.all()));
            }
            findings.byPiece().forEach((code, reasons) -> held.put(code, "failed the print check: " + String.join("; ", reasons)));
            printing = printing.stream().filter(p -> !held.containsKey(p.formCode().digits())).toList();
        }
        Files.deleteIfExists(part(pdf));
        Files.deleteIfExists(part(manifest));
        return new Written(0, 0, held);
    }

    /**
     * Draws pieces into a PDF, nothing more: no manifest, no check, no rename. For test sets and
     * previews; what goes to the printer goes through {@link #write}.
     */
    public static int render(Path target, List<MailPiece> pieces, LetterContext context, String title) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setCreator("ofuku");
            Tagging tagging = new Tagging(document, title);
            Map<List<Path>, FontChain> chains = new HashMap<>();
            for (MailPiece piece : pieces) {
                FontChain fonts = chains.computeIfAbsent(piece.catalog().fonts(), order -> new FontChain(document, order));
                String language = piece.catalog().language().tag().replace("ja-easy", "ja");
                if (piece.kind().sheets == 1) {
                    try (SheetCanvas letter = new SheetCanvas(document, fonts, tagging, language)) {
                        ConfirmationSheet.draw(letter, piece, context);
                    }
                    continue;
                }
                try (SheetCanvas letter = new SheetCanvas(document, fonts, tagging, language)) {
                    LetterSheet.draw(letter, piece, context);
                }
                try (SheetCanvas form = new SheetCanvas(document, fonts, tagging, language)) {
                    ReplyFormSheet.draw(form, piece, context);
                }
            }
            tagging.finish();
            Map<PDType0Font, Map<Integer, String>> variants = new HashMap<>();
            chains.values().forEach(c -> variants.putAll(c.variants()));
            VariantGlyphs.addToUnicode(document, variants);
            document.save(target.toFile());
            return document.getNumberOfPages();
        }
    }

    static void writeManifest(Path target, List<MailPiece> pieces) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
            csv.printRecord(MANIFEST_HEADER);
            int page = 1;
            for (int i = 0; i < pieces.size(); i++) {
                MailPiece p = pieces.get(i);
                csv.printRecord(i + 1, p.formCode().digits(), p.residentId(), p.postalCode(), p.language(), page,
                        p.sheets(), options(p));
                page += p.sheets();
            }
        }
    }

    /** "1=2027-01-12T09:30@S01;2=…" */
    public static String options(MailPiece piece) {
        return piece.options().stream()
                .map(o -> o.number() + "=" + o.start().toString().substring(0, 16) + "@" + o.siteCode())
                .collect(Collectors.joining(";"));
    }

    /** Leftover temporary files of a print file (from a run killed while writing it). */
    public static List<Path> leftovers(Path dir, String name) {
        List<Path> parts = new ArrayList<>();
        for (Path p : List.of(part(pdf(dir, name)), part(manifest(dir, name)))) {
            if (Files.exists(p)) {
                parts.add(p);
            }
        }
        return parts;
    }
}
