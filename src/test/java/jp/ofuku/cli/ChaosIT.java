package jp.ofuku.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.ofuku.letters.PrintFile;
import jp.ofuku.registry.SyntheticRegistry;
import jp.ofuku.scan.ReplySimulator;
import jp.ofuku.support.OfukuProcess;
import jp.ofuku.support.RepliedTown;

/**
 * A whole round trip broken on purpose: the town imported, invited, its replies (simulated on
 * the printed forms, and the real fax files of ../shared/data/fax when they are there) read,
 * booked and confirmed by a nightly, with the ofuku process (or, one time in three, the embedded
 * PostgreSQL under it) killed by SIGKILL at seeded random moments of every stage and carried on
 * each time with the documented command (the same command again). At the end nothing is lost or doubled: every active resident invited once in
 * one print file, every inbox file archived once, every page recorded once, no session
 * overbooked, nobody booked or confirmed twice, no print file half-written.
 *
 * <p>CI runs a short form; the long form of docs/reliability.md is
 * {@code mvn verify -Dit.test=ChaosIT -Dofuku.chaos.kills=30 -Dofuku.chaos.residents=350}
 * ({@code -Dofuku.chaos.seed=N} for another set of moments; every moment is printed).
 */
class ChaosIT {

    static final long SEED = Long.getLong("ofuku.chaos.seed", 20261207L);
    static final int KILLS = Integer.getInteger("ofuku.chaos.kills", 3);
    static final int RESIDENTS = Integer.getInteger("ofuku.chaos.residents", 50);
    static final Path SHARED_FAX = Path.of("..", "shared", "data", "fax");

    /** A stage: its command, its share of the kills, and how long after its start a kill may come. */
    private record Stage(String name, List<String> command, int weight, Duration horizon) {
    }

    private final Random random = new Random(SEED);
    private final List<String> moments = new ArrayList<>();

    @Test
    void aNightKilledAtRandomMomentsAndCarriedOnEachTimeLosesNothingAndDoesNothingTwice(@TempDir Path files, @TempDir Path data)
            throws Exception {
        System.out.printf(Locale.ROOT, "chaos: seed %d, %d kills, %d residents%n", SEED, KILLS, RESIDENTS);
        LocalDate today = LocalDate.now();
        SyntheticRegistry town = new SyntheticRegistry(SEED, today);
        town.writeDistricts(files.resolve("districts.csv"));
        town.writeSites(files.resolve("sites.csv"));
        town.writeSessions(files.resolve("sessions.csv"), today.plusDays(14), 6);
        town.writeResidents(files.resolve("residents.csv"), RESIDENTS, StandardCharsets.UTF_8);
        Path invitePrint = data.resolve("print-invite");
        Path inbox = data.resolve("inbox");
        Path nightlyPrint = data.resolve("print-nightly");

        List<Stage> first = new ArrayList<>();
        for (String kind : List.of("districts", "sites", "sessions", "residents")) {
            first.add(new Stage("import " + kind, List.of("import", kind, files.resolve(kind + ".csv").toString()), 1, Duration.ofSeconds(16)));
        }
        first.add(new Stage("invite", List.of("invite", "--wave", "c", "--cohort", "all", "--out", invitePrint.toString()), 3,
                Duration.ofSeconds(30)));
        Stage nightly = new Stage("nightly", List.of("nightly", "--date", today.toString(), "--inbox", inbox.toString(), "--out",
                nightlyPrint.toString()), 6, Duration.ofSeconds(40 + RESIDENTS / 4));
        int weights = first.stream().mapToInt(Stage::weight).sum() + nightly.weight();

        int planned = 0;
        int landed = 0;
        for (Stage stage : first) {
            planned += Math.round((float) KILLS * stage.weight() / weights);
            landed = carryOnThrough(stage, data, planned, landed);
        }

        int sent = 0;
        try (Stream<Path> pdfs = Files.list(invitePrint)) {
            for (Path pdf : pdfs.filter(p -> p.toString().endsWith(".pdf")).sorted().toList()) {
                String name = pdf.getFileName().toString().replace(".pdf", "");
                sent += new ReplySimulator(SEED + sent).replies(pdf, PrintFile.manifest(invitePrint, name), inbox, 0.8);
                Files.move(inbox.resolve("truth.csv.txt"), files.resolve("truth-" + name + ".csv"));
            }
        }
        if (Files.isDirectory(SHARED_FAX)) {
            try (Stream<Path> faxes = Files.list(SHARED_FAX)) {
                for (Path fax : faxes.filter(p -> p.getFileName().toString().matches("(?i).*\\.tiff?")).toList()) {
                    Files.copy(fax, inbox.resolve("shared-" + fax.getFileName()));
                }
            }
        }
        long inboxFiles;
        try (Stream<Path> list = Files.list(inbox)) {
            inboxFiles = list.count();
        }
        System.out.printf(Locale.ROOT, "chaos: %d replies simulated, %d files in the inbox%n", sent, inboxFiles);

        landed = carryOnThrough(nightly, data, KILLS, landed);
        System.out.printf(Locale.ROOT, "chaos: %d kills landed (seed %d):%n  %s%n", landed, SEED, String.join("\n  ", moments));
        assertThat(landed).as("kills that found the process running").isEqualTo(KILLS);

        // every active resident invited exactly once (a first letter; the nightly's new-dates letters are later rounds), in
        // exactly one print file, none half-written
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM residents r WHERE status = 'active' AND (SELECT count(*)"
                + " FROM invitations i WHERE i.resident_id = r.resident_id AND i.wave = 'c' AND i.round = 1) <> 1")).isZero();
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM (SELECT resident_id, round FROM invitations GROUP BY 1, 2"
                + " HAVING count(*) > 1) twice")).as("no letter of a round twice").isZero();
        long invited = RepliedTown.count(data, "SELECT count(*) FROM invitations WHERE wave = 'c' AND round = 1");
        assertThat(residentsInManifests(invitePrint, "c-\\d{4}\\.csv")).as("letters in the print files").isEqualTo(invited);
        // (the nightly's new-dates letters are print files of the wave too, in its own folder)
        assertNoHalfWrittenFile(invitePrint, "c-\\d{4}\\.pdf", "SELECT count(*) FROM print_files WHERE status = 'done'"
                + " AND directory LIKE '%print-invite'", data);

        // every inbox file taken in once, kept, and every page of it recorded once
        try (Stream<Path> left = Files.list(inbox)) {
            assertThat(left).as("the inbox emptied").isEmpty();
        }
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM received_files")).isEqualTo(inboxFiles);
        assertThat(originalsKept(data)).as("each original kept once, in the archive or in quarantine").isEqualTo(inboxFiles);
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM (SELECT sha, page FROM (SELECT source_sha256 sha, source_page page"
                + " FROM replies UNION ALL SELECT sha256, page FROM review_items) pages GROUP BY 1, 2 HAVING count(*) > 1) twice"))
                .as("no page recorded twice").isZero();
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM received_files f WHERE status = 'read' AND NOT EXISTS (SELECT 1"
                + " FROM replies r WHERE r.source_sha256 = f.sha256) AND NOT EXISTS (SELECT 1 FROM review_items v WHERE v.sha256 = f.sha256)"))
                .as("no file read and recorded nowhere").isZero();
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM replies WHERE status = 'superseded'")).as("no reply twice").isZero();
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM replies WHERE status = 'accepted'")).as("replies booked from")
                .isPositive();

        // booked once, within capacity, confirmed once
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM sessions s WHERE booked <> (SELECT count(*) FROM bookings b"
                + " WHERE b.session_id = s.session_id) OR booked > capacity")).as("no session overbooked or miscounted").isZero();
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM (SELECT wave, resident_id, dose FROM bookings GROUP BY 1, 2, 3"
                + " HAVING count(*) > 1) twice")).as("nobody booked twice").isZero();
        long booked = RepliedTown.count(data, "SELECT count(DISTINCT resident_id) FROM bookings");
        assertThat(booked).isPositive();
        assertThat(residentsInManifests(nightlyPrint.resolve("confirm"), "confirm-\\d{5}\\.csv")).as("confirmations printed once each")
                .isEqualTo(booked);
        assertNoHalfWrittenFile(nightlyPrint, "confirm-\\d{5}\\.pdf", "SELECT count(*) FROM confirm_print_files WHERE status = 'done'", data);
        assertThat(RepliedTown.count(data, "SELECT count(*) FROM confirm_print_files WHERE status <> 'done'")
                + RepliedTown.count(data, "SELECT count(*) FROM print_files WHERE status <> 'done'")).isZero();
    }

    /**
     * Runs a stage to its end, killing it with SIGKILL at random moments until {@code planned}
     * kills have landed in all; after each, the same command again. A process that ends before
     * its kill has finished the stage. Returns the kills landed so far.
     */
    private int carryOnThrough(Stage stage, Path data, int planned, int landed) throws Exception {
        long horizon = stage.horizon().toMillis();
        for (int attempt = 1; ; attempt++) {
            OfukuProcess p = OfukuProcess.start(data, stage.command().toArray(String[]::new));
            if (landed < planned) {
                // each attempt carries on what the one before left, so it has less to do: the moments come sooner
                Duration delay = Duration.ofMillis(300 + (long) (random.nextDouble() * (horizon - 300)));
                horizon = Math.max(4_000, horizon * 4 / 5);
                Instant deadline = Instant.now().plus(delay);
                while (p.isAlive() && Instant.now().isBefore(deadline)) {
                    Thread.sleep(10);
                }
                if (p.isAlive()) {
                    // one kill in three is of the embedded PostgreSQL under the run, once it is there
                    Optional<ProcessHandle> postmaster = random.nextInt(3) == 0 ? postmaster(data) : Optional.empty();
                    if (postmaster.isPresent()) {
                        postmaster.get().destroyForcibly();
                        int exit = p.waitFor(); // ofuku ends by itself, saying so; it never hangs
                        landed++;
                        moments.add(String.format(Locale.ROOT, "kill %d: PostgreSQL under %s, attempt %d, %.1f s after its start;"
                                + " ofuku ended with %d", landed, stage.name(), attempt, delay.toMillis() / 1000.0, exit));
                    } else {
                        p.kill9();
                        landed++;
                        moments.add(String.format(Locale.ROOT, "kill %d: %s, attempt %d, %.1f s after its start", landed, stage.name(),
                                attempt, delay.toMillis() / 1000.0));
                    }
                    continue;
                }
            }
            int exit = p.waitFor();
            // a nightly that sends pages to a person ends with 4: done, with something for an operator to do; one killed after it
            // had finished (as it closed) is refused as done when run again
            if (!p.stderr().contains("already completed")) {
                assertThat(exit).as("%s, attempt %d: %s", stage.name(), attempt, p.stderr()).isIn(0, OfukuCommand.EXIT_INCOMPLETE);
            }
            moments.add(String.format(Locale.ROOT, "%s done at attempt %d", stage.name(), attempt));
            return landed;
        }
    }

    /** The embedded PostgreSQL a running ofuku process started in {@code data}, if it has started it yet. */
    private static Optional<ProcessHandle> postmaster(Path data) {
        try {
            List<String> pid = Files.readAllLines(data.resolve("pg").resolve("postmaster.pid"));
            return pid.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(pid.get(0).strip())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException notYet) {
            return Optional.empty();
        }
    }

    /** Residents named across the manifests matching {@code pattern}, each at most once. */
    private static long residentsInManifests(Path dir, String pattern) throws IOException {
        Set<String> residents = new HashSet<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path manifest : list.filter(p -> p.getFileName().toString().matches(pattern)).sorted().toList()) {
                try (Reader in = Files.newBufferedReader(manifest)) {
                    for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                        assertThat(residents.add(row.get("resident_id"))).as("resident %s in two print files", row.get("resident_id"))
                                .isTrue();
                    }
                }
            }
        }
        return residents.size();
    }

    /** No temporary file left under {@code dir}, and as many whole print PDFs as print files recorded done. */
    private static void assertNoHalfWrittenFile(Path dir, String pdfName, String doneSql, Path data) throws Exception {
        List<Path> pdfs;
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = walk.filter(Files::isRegularFile).toList();
            assertThat(all).as("no half-written file left in %s", dir).noneMatch(p -> p.toString().endsWith(".part"));
            pdfs = all.stream().filter(p -> p.getFileName().toString().matches(pdfName)).toList();
        }
        for (Path pdf : pdfs) {
            byte[] bytes = Files.readAllBytes(pdf);
            String tail = new String(bytes, Math.max(0, bytes.length - 32), Math.min(32, bytes.length), StandardCharsets.ISO_8859_1);
            assertThat(tail).as("%s ends as a PDF ends", pdf).contains("%%EOF");
        }
        assertThat((long) pdfs.size()).as("PDFs in %s", dir).isEqualTo(RepliedTown.count(data, doneSql));
    }

    /** Originals in the archive and in quarantine (not their reason notes). */
    private static long originalsKept(Path data) throws IOException {
        long kept = 0;
        for (String area : List.of("archive", "quarantine")) {
            Path dir = data.resolve(area);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    kept += walk.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".reason.txt")).count();
                }
            }
        }
        return kept;
    }
}
