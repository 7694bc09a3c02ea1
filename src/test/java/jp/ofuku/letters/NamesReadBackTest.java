package jp.ofuku.letters;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.io.TempDir;

import jp.ofuku.registry.Language;
import jp.ofuku.registry.NameRepertoire;
import jp.ofuku.support.PdfUa;

/**
 * Residents drawn at random (seeded, so a failure replays) from the whole repertoire of names
 * and addresses registries hold, in every letter language, some in large print, printed as
 * invitations, new-dates letters and confirmations through the real print-file pipeline. On
 * every page the name, the address, the form code and the sheet label read back exactly, by
 * the print check and by poppler's {@code pdftotext -raw}; a piece that does not is held with
 * its reason; no file stops.
 */
class NamesReadBackTest {

    static final int PIECES = 300;

    @TempDir
    Path dir;

    /** What the drawn names must have covered, over all seeds: each a way a name has gone wrong before. */
    static final Map<String, java.util.function.Predicate<String>> REPERTOIRE = Map.of(
            "Hangul", n -> n.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL),
            "katakana with ・", n -> n.contains("・"),
            "a variation sequence", n -> n.codePoints().anyMatch(FontChain::isVariationSelector),
            "combining marks (decomposed Vietnamese)", n -> n.codePoints().anyMatch(cp -> Character.getType(cp) == Character.NON_SPACING_MARK),
            "simplified Chinese JIS lacks", n -> n.matches(".*[刘张门丽陈赵].*"),
            "outside the BMP", n -> n.codePoints().anyMatch(Character::isSupplementaryCodePoint),
            "40 characters and more", n -> n.length() >= 40,
            "full-width digits (address)", n -> n.matches(".*[０-９].*"),
            "care of (address)", n -> n.endsWith("方"));

    @org.junit.jupiter.api.Test
    void everyNameAndAddressReadsBackExactlyOrIsHeld() throws Exception {
        java.util.Set<String> covered = new java.util.TreeSet<>();
        for (long seed : new long[] {1, 20261202, 777}) {
            for (MailPiece p : printAndReadBack(seed)) {
                REPERTOIRE.forEach((what, test) -> {
                    if (test.test(p.name()) || test.test(p.address())) {
                        covered.add(what);
                    }
                });
            }
        }
        assertThat(covered).containsExactlyInAnyOrderElementsOf(REPERTOIRE.keySet());
    }

    private List<MailPiece> printAndReadBack(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        NameRepertoire repertoire = new NameRepertoire(random);
        Language[] languages = Language.values();
        Map<MailPiece.Kind, List<MailPiece>> byKind = new HashMap<>();
        for (int i = 0; i < PIECES; i++) {
            NameRepertoire.Name name = repertoire.next();
            String language = i % 2 == 0 ? name.language() : languages[random.nextInt(languages.length)].tag();
            MailPiece.Kind kind = MailPiece.Kind.values()[i % 3];
            MailPiece piece = piece(seed % 1000 * 1000 + i, name.name(), repertoire.address("往復市本町"), language,
                    random.nextInt(4) == 0, kind);
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(piece);
        }
        for (var kind : byKind.entrySet()) {
            String fileName = "seed" + seed + "-" + kind.getKey().name().toLowerCase();
            PrintFile.Written written = PrintFile.write(dir, fileName, kind.getValue(), LetterFixtures.context());
            assertThat(written.pieces() + written.held().size()).isEqualTo(kind.getValue().size());
            assertThat(written.held().values()).allSatisfy(reason -> assertThat(reason).startsWith("failed the print check: "));
            assertThat(written.held()).as("pieces held: the repertoire's names should all print").isEmpty();
            readBackWithPoppler(dir, fileName, kind.getValue());
        }
        Path small = dir.resolve("ua-" + seed);
        for (var kind : byKind.entrySet()) {
            PrintFile.write(small, kind.getKey().name(), kind.getValue().subList(0, 12), LetterFixtures.context());
            assertThat(PdfUa.failures(PrintFile.pdf(small, kind.getKey().name()))).as("PDF/UA-1, " + kind.getKey()).isEmpty();
        }
        return byKind.values().stream().flatMap(List::stream).toList();
    }

    /** Every piece of the manifest: its pages, as pdftotext -raw gives them, carry name, address, form code and sheet label. */
    static void readBackWithPoppler(Path dir, String name, List<MailPiece> pieces) throws Exception {
        Process p = new ProcessBuilder("pdftotext", "-raw", "-enc", "UTF-8", PrintFile.pdf(dir, name).toString(), "-")
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(text).isZero();
        String[] pages = text.split("\f");
        Map<String, MailPiece> byCode = new HashMap<>();
        pieces.forEach(piece -> byCode.put(piece.formCode().digits(), piece));
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(PrintFile.manifest(dir, name))) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
        for (CSVRecord row : rows) {
            MailPiece piece = byCode.get(row.get("form_code"));
            int first = Integer.parseInt(row.get("first_page"));
            int count = Integer.parseInt(row.get("page_count"));
            for (int sheet = 1; sheet <= count; sheet++) {
                String page = PrintFileCheck.squeeze(pages[first + sheet - 2]);
                assertThat(page).as("page %d of %s", first + sheet - 1, name)
                        .contains(PrintFileCheck.squeeze(piece.name()))
                        .contains(PrintFileCheck.squeeze(piece.address()))
                        .contains(PrintFileCheck.squeeze(SheetMark.label(piece.formCode(), sheet, count)));
            }
            if (piece.kind() != MailPiece.Kind.CONFIRMATION) {
                assertThat(PrintFileCheck.squeeze(pages[first])).contains(piece.formCode().digits());
            }
        }
    }

    static MailPiece piece(long serial, String name, String address, String language, boolean largePrint, MailPiece.Kind kind) {
        MailPiece base = LetterFixtures.piece(10_000_000 + serial, name, address, language, largePrint);
        List<MailPiece.Option> options = kind == MailPiece.Kind.CONFIRMATION
                ? List.of(new MailPiece.Option(1, 1, LocalDateTime.of(2027, 1, 12, 9, 30), LocalDateTime.of(2027, 1, 12, 12, 0),
                        "S01", "往復市民会館", "〒299-0112 往復市中央1丁目1-1", "往復駅東口から徒歩5分"))
                : base.options();
        return new MailPiece(base.formCode(), base.residentId(), TextFolding.printable(name, language),
                TextFolding.printable(address, language), base.postalCode(), language, largePrint, options, kind);
    }
}
