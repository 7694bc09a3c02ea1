package jp.ofuku.replies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;

import jp.ofuku.letters.FormImages;
import jp.ofuku.letters.PrintFile;
import jp.ofuku.letters.ReplyFormLayout;
import jp.ofuku.ops.JobOutcome;
import jp.ofuku.registry.RegistryImport;
import jp.ofuku.support.DatabaseTest;

class ReadTest extends DatabaseTest {

    @Autowired
    RegistryImport registry;
    @Autowired
    Replies replies;

    @TempDir
    Path dir;
    Path inbox;
    Path printed;
    List<String> codes;

    final ReplyFormLayout layout = new ReplyFormLayout(false, 12);

    @BeforeEach
    void invitedResidents() throws Exception {
        FileSystemUtils.deleteRecursively(Path.of("target/test-archive"));
        FileSystemUtils.deleteRecursively(Path.of("target/test-quarantine"));
        town(dir).residentRows("R1,佐藤　一郎,サトウ,,1941-04-03,299-0101,往復市緑町3丁目30-8,D01,ja,,active,",
                "R2,鈴木　花子,スズキ,,1945-01-01,299-0102,往復市本町1丁目2-3,D02,ja,,active,").invited();
        Path print = dir.resolve("print");
        printed = PrintFile.pdf(print, "w-0001");
        codes = jdbc.queryForList("SELECT form_code FROM invitations ORDER BY sequence", String.class);
        inbox = Files.createDirectories(dir.resolve("inbox"));
    }

    private BufferedImage form(int piece, int... options) throws Exception {
        BufferedImage page = FormImages.page(printed, piece * 2 + 1, 300);
        for (int k : options) {
            FormImages.tick(page, layout.optionBox(k), 300, 0.6, 20);
        }
        return page;
    }

    private Map<String, Object> reply(String code) {
        return jdbc.queryForMap("SELECT array_to_string(marked_options, ';') AS marked, status FROM replies "
                + "WHERE form_code = ? AND status = 'accepted'", code);
    }

    @Test
    @org.junit.jupiter.api.Timeout(300) // a guard: before, the self-referencing TIFF kept the run going for ever
    void hostileFilesAreQuarantinedWithTheirReasonsAndTheRunGoesOnAndARerunDoesNotMeetThemAgain() throws Exception {
        Files.write(inbox.resolve("loop.tif"), jp.ofuku.scan.HostileFilesTest.selfReferencingTiff());
        Files.write(inbox.resolve("bomb.png"), pngClaiming(100_000, 100_000));
        ImageIO.write(form(1, 2), "png", inbox.resolve("scan-0002.png").toFile());

        readQuarantiningAndReplying(2, "2");
        try (Stream<Path> kept = Files.list(Path.of("target/test-quarantine"))) {
            List<String> reasons = texts(kept.filter(p -> p.toString().endsWith(".reason.txt")));
            assertThat(reasons).hasSize(2).anyMatch(r -> r.contains("points back at page data already read"))
                    .anyMatch(r -> r.contains("beyond any scanned form"));
        }
        JobOutcome rerun = replies.read(List.of(inbox));
        assertThat(rerun.counts().getOrDefault("files", 0L)).isZero();
        assertThat(rerun.counts()).doesNotContainKey("quarantined");
    }

    @Test
    @org.junit.jupiter.api.Timeout(120) // a guard: a named pipe opened for reading would wait for ever
    void aLinkOrAPipeInTheInboxIsQuarantinedUnreadAndNothingItPointsToIsCopied() throws Exception {
        Path secret = Files.writeString(dir.resolve("form-mac.key"), "the form key, for ofuku alone");
        Files.createSymbolicLink(inbox.resolve("key.png"), secret);
        Files.createSymbolicLink(inbox.resolve("nowhere.tif"), dir.resolve("gone.tif"));
        Process mkfifo = new ProcessBuilder("mkfifo", inbox.resolve("pipe.pdf").toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        ImageIO.write(form(1, 3), "png", inbox.resolve("scan-0002.png").toFile());

        readQuarantiningAndReplying(3, "3");
        assertThat(Files.readString(secret)).as("what a link pointed to is untouched").isEqualTo("the form key, for ofuku alone");
        try (Stream<Path> kept = Files.walk(Path.of("target/test-quarantine"))) {
            List<Path> all = kept.filter(p -> !Files.isDirectory(p)).toList();
            assertThat(all).allSatisfy(p -> {
                assertThat(Files.isSymbolicLink(p)).as(p + " is a link").isFalse();
                assertThat(Files.readString(p)).as(p + " holds the key").doesNotContain("for ofuku alone");
            });
            List<String> reasons = texts(all.stream());
            assertThat(reasons).hasSize(3).anyMatch(r -> r.contains("a symbolic link to " + secret))
                    .anyMatch(r -> r.contains("a symbolic link to " + dir.resolve("gone.tif")))
                    .anyMatch(r -> r.contains("not a file (a named pipe"));
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM received_files WHERE status = 'quarantined' AND kind = 'not a file'",
                Long.class)).isEqualTo(3);
    }

    /** Reads the inbox: {@code quarantined} files set aside, the form of R2 replied with {@code marked}, nothing left behind. */
    private void readQuarantiningAndReplying(long quarantined, String marked) throws Exception {
        JobOutcome outcome = replies.read(List.of(inbox));
        assertThat(outcome.completed()).as(outcome.failure()).isTrue();
        assertThat(outcome.counts()).containsEntry("quarantined", quarantined).containsEntry("reply", 1L);
        assertThat(reply(codes.get(1))).containsEntry("marked", marked);
        try (Stream<Path> left = Files.list(inbox)) {
            assertThat(left).as("nothing left for the next run to meet").isEmpty();
        }
    }

    private static List<String> texts(Stream<Path> files) {
        return files.map(p -> {
            try {
                return Files.readString(p);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    /** A PNG whose header claims {@code w} × {@code h} pixels: a decompression bomb's first bytes. */
    private static byte[] pngClaiming(int w, int h) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY), "png", out);
        byte[] bytes = out.toByteArray();
        java.nio.ByteBuffer.wrap(bytes).putInt(16, w).putInt(20, h);
        return bytes;
    }

    @Test
    void readsFaxesAndScansIntoRepliesOnceAndKeepsEveryOriginal() throws Exception {
        BufferedImage blank = new BufferedImage(1728, 2200, BufferedImage.TYPE_BYTE_BINARY);
        var g = blank.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, blank.getWidth(), blank.getHeight());
        g.dispose();
        Path fax = inbox.resolve("fax-0001.tif");
        FormImages.writeTiff(List.of(FormImages.fax(form(0, 1, 3), 300, 196), blank), fax, 196);
        Files.copy(fax, inbox.resolve("fax-0001-again.tif"));
        ImageIO.write(form(1, 2), "png", inbox.resolve("scan-0002.png").toFile());
        ImageIO.write(form(0, 1, 3), "png", inbox.resolve("scan-0003-same-as-fax.png").toFile());
        ImageIO.write(FormImages.page(printed, 0, 200), "png", inbox.resolve("returned-letter.png").toFile());
        ImageIO.write(FormImages.notAForm("FAX COVER SHEET  To: City Hall  Pages: 2"), "png", inbox.resolve("cover.png").toFile());
        byte[] tiff = Files.readAllBytes(fax);
        Files.write(inbox.resolve("broken.tif"), java.util.Arrays.copyOf(tiff, 200));

        JobOutcome outcome = replies.read(List.of(inbox));
        assertThat(outcome.completed()).as(outcome.failure()).isTrue();
        assertThat(outcome.counts()).as("review: %s", jdbc.queryForList("SELECT original_name || ': ' || r.reason FROM review_items r"
                        + " JOIN received_files USING (sha256)", String.class))
                .containsEntry("files", 5L).containsEntry("seen", 1L).containsEntry("quarantined", 1L)
                .containsEntry("reply", 2L).containsEntry("duplicate", 1L).containsEntry("blank", 1L).containsEntry("review", 1L)
                .containsEntry("returned", 1L);
        assertThat(jdbc.queryForObject("SELECT form_code FROM returned_mail", String.class)).isEqualTo(codes.get(0));
        assertThat(reply(codes.get(0))).containsEntry("marked", "1;3");
        assertThat(reply(codes.get(1))).containsEntry("marked", "2");
        assertThat(jdbc.queryForObject("SELECT reason FROM review_items", String.class)).startsWith("not a reply form");
        try (Stream<Path> left = Files.list(inbox)) {
            assertThat(left).isEmpty();
        }
        try (Stream<Path> kept = Files.walk(Path.of("target/test-archive"))) {
            assertThat(kept.filter(Files::isRegularFile)).hasSize(5);
        }
        try (Stream<Path> kept = Files.list(Path.of("target/test-quarantine"))) {
            List<Path> files = kept.toList();
            assertThat(files).hasSize(2);
            Path reason = files.stream().filter(p -> p.toString().endsWith(".reason.txt")).findFirst().orElseThrow();
            assertThat(Files.readString(reason)).contains("reason: cannot be decoded");
        }
    }

    @Autowired
    ReviewQueue reviews;
    @Autowired
    jp.ofuku.ops.Exports exports;

    @Test
    void aPersonResolvesAReviewItemIntoAReplyWithWhoAndWhenAndTheExportShowsIt() throws Exception {
        ImageIO.write(FormImages.notAForm("FAX COVER SHEET  To: City Hall  Pages: 2"), "png", inbox.resolve("letter-back.png").toFile());
        replies.read(List.of(inbox));
        ReviewQueue.Item item = reviews.open().get(0);
        assertThat(item.reason()).startsWith("not a reply form");
        ReviewQueue.Item resolved = reviews.resolve(item.id(), "yamada", java.util.Optional.of(codes.get(1)), List.of(7, 8),
                List.of("wheelchair"), "letter written on the back of the reply");
        assertThat(resolved.resolvedBy()).isEqualTo("yamada");
        assertThat(resolved.resolvedAt()).isNotNull();
        assertThat(reply(codes.get(1))).containsEntry("marked", "7;8");
        assertThat(reviews.open()).isEmpty();
        assertThatThrownBy(() -> reviews.resolve(item.id(), "suzuki", java.util.Optional.empty(), List.of(), List.of(), ""))
                .hasMessageContaining("was resolved by yamada");
        assertThatThrownBy(() -> reviews.resolve(item.id() + 1, "x", java.util.Optional.of("1234567890"), List.of(), List.of(), ""))
                .isInstanceOf(IllegalArgumentException.class);

        Path csv = dir.resolve("replies.csv");
        assertThat(exports.write("replies", csv)).isEqualTo(1);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("form_code,resident_id,status,marked_options,extra,source_file,page,confidence");
        assertThat(lines.get(1)).startsWith(codes.get(1) + ",R2,accepted,7;8,wheelchair,letter-back.png,1,");
    }

    @Test
    void aFileNamedAsAFormulaIsPlainTextInTheExport() throws Exception {
        ImageIO.write(form(1, 2), "png", inbox.resolve("=HYPERLINK(\"http:x\",\"open\").png").toFile());
        replies.read(List.of(inbox));
        Path csv = dir.resolve("replies.csv");
        assertThat(exports.write("replies", csv)).isEqualTo(1);
        List<org.apache.commons.csv.CSVRecord> rows = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader()
                .setSkipHeaderRecord(true).get().parse(Files.newBufferedReader(csv)).getRecords();
        assertThat(rows.get(0).get("source_file")).isEqualTo("'=HYPERLINK(\"http:x\",\"open\").png");
        assertThat(rows.get(0).get("page")).isEqualTo("1");
    }

    @Test
    void aLaterDifferentReplyGoesToAPersonAndTheFirstStandsUntilTheyDecide() throws Exception {
        ImageIO.write(form(0, 4), "png", inbox.resolve("first.png").toFile());
        replies.read(List.of(inbox));
        ImageIO.write(form(0, 5, 6), "png", inbox.resolve("second.png").toFile());
        FormImages.writeTiff(List.of(FormImages.fax(form(0, 4), 300, 196)), inbox.resolve("third-the-first-by-fax.tif"), 196);
        JobOutcome outcome = replies.read(List.of(inbox));
        assertThat(outcome.counts()).containsEntry("review", 1L).containsEntry("duplicate", 1L).doesNotContainKey("reply");
        assertThat(reply(codes.get(0))).as("the first answer stands").containsEntry("marked", "4");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM replies WHERE status = 'superseded'", Long.class)).isZero();

        ReviewQueue.Item item = reviews.open().get(0);
        assertThat(item.file()).isEqualTo("second.png");
        assertThat(item.reason()).startsWith("this form was already answered on ").contains(" (option 4); this page says options 5, 6.");
        assertThat(item.guessFormCode()).isEqualTo(codes.get(0));
        assertThat(item.guess()).containsExactly(5, 6);

        // the person decides the resident changed their mind: the second replaces the first, kept as superseded
        reviews.resolve(item.id(), "yamada", java.util.Optional.of(codes.get(0)), item.guess(), List.of(), "phoned: changed her mind");
        assertThat(reply(codes.get(0))).containsEntry("marked", "5;6");
        assertThat(jdbc.queryForObject("SELECT array_to_string(marked_options, ';') FROM replies WHERE status = 'superseded'",
                String.class)).isEqualTo("4");
    }

    @Test
    void aFormWhoseQrCodeIsCoveredGoesToAPersonWhateverItsPrintedDigitsSay() throws Exception {
        // a neighbour's form, its sealed code covered with correction tape (white) or inked over (black), option 1 crossed
        BufferedImage taped = form(1, 1);
        FormImages.coverQr(taped, 300, java.awt.Color.WHITE);
        ImageIO.write(taped, "png", inbox.resolve("taped.png").toFile());
        BufferedImage inked = form(0, 1);
        FormImages.coverQr(inked, 300, java.awt.Color.BLACK);
        ImageIO.write(inked, "png", inbox.resolve("inked.png").toFile());
        JobOutcome outcome = replies.read(List.of(inbox));

        assertThat(outcome.counts()).containsEntry("review", 2L).doesNotContainKey("reply");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM replies WHERE status = 'accepted'", Long.class)).isZero();
        assertThat(jdbc.queryForList("SELECT identification FROM read_pages", String.class)).containsOnly("printed_code");
        assertThat(reviews.open()).hasSize(2).allSatisfy(item -> {
            assertThat(item.reason()).startsWith("known by its printed digits only");
            assertThat(item.guess()).containsExactly(1);
        });
        assertThat(reviews.open()).extracting(ReviewQueue.Item::guessFormCode).containsExactlyInAnyOrder(codes.get(0), codes.get(1));
    }

    /** A letter of the resident's own, on plain paper, naming their form number. */
    private static BufferedImage letter(String... lines) {
        BufferedImage page = new BufferedImage(1654, 2339, BufferedImage.TYPE_BYTE_GRAY);
        var g = page.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, page.getWidth(), page.getHeight());
        g.setColor(java.awt.Color.BLACK);
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 48));
        int y = 300;
        for (String line : lines) {
            g.drawString(line, 150, y);
            y += 90;
        }
        g.dispose();
        return page;
    }

    @Test
    void aLetterInsteadOfTheFormIsReadByOcrAndTheFormItNamesIsOfferedAsTheLikelyMatch() throws Exception {
        String printed = new jp.ofuku.letters.FormCode(codes.get(1)).printed();
        ImageIO.write(letter("To the vaccination office,", "I cannot use the dates on the form.",
                "My form number is " + printed + ".", "Please call me. Thank you."), "png", inbox.resolve("letter.png").toFile());
        ImageIO.write(letter("Dear office, my resident number is R1.", "I would like a morning session."), "png",
                inbox.resolve("letter-resident.png").toFile());
        replies.read(List.of(inbox));
        List<ReviewQueue.Item> items = reviews.open();
        assertThat(items).hasSize(2);
        ReviewQueue.Item byCode = items.stream().filter(i -> i.file().equals("letter.png")).findFirst().orElseThrow();
        assertThat(byCode.pageText()).contains("cannot use the dates");
        assertThat(byCode.guessFormCode()).isEqualTo(codes.get(1));
        assertThat(byCode.guessResident()).isEqualTo("R2");
        assertThat(reviews.crops(byCode)).containsOnlyKeys("page");
        ReviewQueue.Item byResident = items.stream().filter(i -> i.file().equals("letter-resident.png")).findFirst().orElseThrow();
        assertThat(byResident.guessFormCode()).isNull();
        assertThat(byResident.guessResident()).isEqualTo("R1");
    }

    @Test
    void aFormWhoseQrCodeIsDestroyedIsKnownByItsPrintedDigitsAndConfirmedByAPerson() throws Exception {
        BufferedImage page = form(1, 6, 9);
        FormImages.destroyQr(page, 300);
        FormImages.writeTiff(List.of(FormImages.faxStandard(page, 300)), inbox.resolve("torn.tif"), 98);
        JobOutcome outcome = replies.read(List.of(inbox));
        assertThat(outcome.counts()).containsEntry("review", 1L).doesNotContainKey("reply");
        assertThat(jdbc.queryForObject("SELECT identification FROM read_pages", String.class)).isEqualTo("printed_code");
        ReviewQueue.Item item = reviews.open().get(0);
        assertThat(item.guessFormCode()).isEqualTo(codes.get(1));
        assertThat(item.guess()).containsExactly(6, 9);
        reviews.resolve(item.id(), "yamada", java.util.Optional.of(item.guessFormCode()), item.guess(), List.of(), "");
        assertThat(reply(codes.get(1))).containsEntry("marked", "6;9");
    }

    @Test
    void uncertainFormsKeepTheirCropsAndAWrittenPhoneNumberIsKept() throws Exception {
        BufferedImage unsure = form(0, 2);
        new jp.ofuku.scan.MarkPen(unsure, 300).mark(layout.optionBox(5), jp.ofuku.scan.MarkPen.Style.SCRIBBLE, 0.7, 20, 0);
        ImageIO.write(unsure, "png", inbox.resolve("unsure.png").toFile());
        BufferedImage withPhone = form(1, 3);
        var g = withPhone.createGraphics();
        g.setColor(java.awt.Color.BLACK);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 60));
        ReplyFormLayout.Field phone = layout.phoneField();
        double px = 300 / 25.4;
        g.drawString("090-1234-5678", (int) ((phone.x() + 3) * px), (int) ((phone.y() + phone.height() - 2.5) * px));
        g.dispose();
        ImageIO.write(withPhone, "png", inbox.resolve("phone.png").toFile());
        replies.read(List.of(inbox));

        ReviewQueue.Item item = reviews.open().get(0);
        assertThat(item.detail()).contains("option 5: scribbled over");
        assertThat(item.guessFormCode()).isEqualTo(codes.get(0));
        Map<String, byte[]> crops = reviews.crops(item);
        assertThat(crops).containsOnlyKeys("answers", "code", "phone");
        BufferedImage answers = ImageIO.read(new java.io.ByteArrayInputStream(crops.get("answers")));
        assertThat(answers.getWidth()).isBetween(700, 760);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM page_crops c JOIN replies r ON r.source_sha256 = c.sha256 AND r.source_page = c.page
                WHERE r.status = 'accepted' AND r.form_code = ? AND c.name = 'phone'""", Long.class, codes.get(1))).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM page_crops WHERE name = 'phone'", Long.class))
                .as("a phone field left empty is not kept").isEqualTo(2);
    }
}
