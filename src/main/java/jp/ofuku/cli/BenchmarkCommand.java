package jp.ofuku.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

import jp.ofuku.registry.RegistryImport;
import jp.ofuku.registry.RegistryImport.ImportReport;
import jp.ofuku.registry.SampleRegistry;
import jp.ofuku.registry.SyntheticRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Measure a heavy job on a generated workload and print its throughput and memory.",
                "Runs on its own embedded database in data/bench-pg (recreated each time), never on yours."},
        footer = {"", "Example:", "  scripts/ofuku benchmark import --residents 1000000"})
class BenchmarkCommand implements Callable<Integer> {

    @ParentCommand
    private OfukuCommand ofuku;

    @Parameters(index = "0", paramLabel = "JOB", description = "import, invite or read")
    private String job;

    @Option(names = "--residents", defaultValue = "1000000", description = "residents in the generated file (default ${DEFAULT-VALUE})")
    private int residents;

    @Option(names = "--work", defaultValue = "out/bench", description = "folder for generated files (default ${DEFAULT-VALUE})")
    private Path work;

    @Override
    public Integer call() throws Exception {
        if (!List.of("import", "invite", "read", "allocate").contains(job)) {
            throw new OfukuCommand.UserError("unknown benchmark '" + job + "'; available: import, invite, read, allocate");
        }
        Path benchDb = Path.of("data", "bench-pg");
        FileSystemUtils.deleteRecursively(benchDb);
        System.setProperty("ofuku.db.url", "");
        System.setProperty("ofuku.db.data-dir", benchDb.toString());

        Files.createDirectories(work);
        if (job.equals("allocate")) {
            return allocate();
        }
        Path districts = work.resolve("districts.csv");
        Path file = work.resolve("residents-" + residents + ".csv");
        SyntheticRegistry generator = new SyntheticRegistry(SampleRegistry.SEED, LocalDate.now());
        generator.writeDistricts(districts);
        if (!Files.exists(file)) {
            System.out.printf(Locale.ROOT, "generating %,d residents into %s%n", residents, file);
            generator.writeResidents(file, residents, StandardCharsets.UTF_8);
        }
        RegistryImport registry = ofuku.bean(RegistryImport.class);
        registry.run("districts", districts, "auto", false);
        if (job.equals("invite")) {
            return invite(registry, generator, file);
        }
        if (job.equals("read")) {
            return read(registry, generator);
        }
        System.out.printf(Locale.ROOT, "file: %s (%,d residents, %,d MB)%n", file, residents, Files.size(file) >> 20);
        measure(registry, file, "first import (all rows new)");
        measure(registry, file, "same file again (all rows unchanged)");
        return 0;
    }

    @Option(names = "--pages", defaultValue = "2000", description = "pages to read in the read benchmark (default ${DEFAULT-VALUE})")
    private int pages;

    /**
     * Reads a multi-page standard-resolution fax TIFF of {@code pages} pages, then a folder of as
     * many single-page scanned PDFs: replies to 60 invited residents, marked, cycled to size.
     */
    private int read(RegistryImport registry, SyntheticRegistry generator) throws Exception {
        Path sites = work.resolve("sites.csv");
        Path sessions = work.resolve("sessions-read.csv");
        Path residentsFile = work.resolve("residents-read.csv");
        generator.writeSites(sites);
        generator.writeSessions(sessions, LocalDate.now().plusDays(14), 10);
        generator.writeResidents(residentsFile, 66, StandardCharsets.UTF_8);
        registry.run("sites", sites, "auto", false);
        registry.run("sessions", sessions, "auto", false);
        registry.run("residents", residentsFile, "auto", false);
        jp.ofuku.invite.Invitations invitations = ofuku.bean(jp.ofuku.invite.Invitations.class);
        Path print = work.resolve("print-read");
        FileSystemUtils.deleteRecursively(print);
        invitations.run(invitations.cohort("read-bench", "all"), print);
        Path replies = work.resolve("replies-read");
        FileSystemUtils.deleteRecursively(replies);
        new jp.ofuku.scan.ReplySimulator(9).replies(jp.ofuku.letters.PrintFile.pdf(print, "read-bench-0001"),
                jp.ofuku.letters.PrintFile.manifest(print, "read-bench-0001"), replies, 1.0);
        java.util.List<java.awt.image.BufferedImage> forms = new java.util.ArrayList<>();
        try (Stream<Path> list = Files.list(replies)) {
            for (Path png : list.filter(p -> p.toString().endsWith(".png")).sorted().toList()) {
                forms.add(javax.imageio.ImageIO.read(png.toFile()));
            }
        }
        Path faxInbox = work.resolve("inbox-fax");
        Path pdfInbox = work.resolve("inbox-pdf");
        FileSystemUtils.deleteRecursively(faxInbox);
        FileSystemUtils.deleteRecursively(pdfInbox);
        Files.createDirectories(faxInbox);
        Files.createDirectories(pdfInbox);
        // each distinct form faxed once, and the pages cycle through them: the workload is held in memory as
        // the distinct forms, not as every page (2,000 faxed pages did not fit a 512 MB heap)
        java.util.List<java.awt.image.BufferedImage> faxed = new java.util.ArrayList<>();
        for (var form : forms) {
            faxed.add(jp.ofuku.scan.ReplySimulator.fax(form, 200, 98));
        }
        java.util.List<java.awt.image.BufferedImage> faxPages = new java.util.ArrayList<>();
        for (int i = 0; i < pages; i++) {
            faxPages.add(faxed.get(i % faxed.size()));
        }
        jp.ofuku.scan.ReplySimulator.writeTiff(faxPages, faxInbox.resolve("fax-" + pages + "-pages.tif"), 98);
        faxPages.clear();
        for (int i = 0; i < pages; i++) {
            try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
                var page = new org.apache.pdfbox.pdmodel.PDPage(org.apache.pdfbox.pdmodel.common.PDRectangle.A4);
                doc.addPage(page);
                var image = org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory.createFromImage(doc,
                        forms.get(i % forms.size()), 0.8f);
                try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                    content.drawImage(image, 0, 0, page.getMediaBox().getWidth(), page.getMediaBox().getHeight());
                }
                doc.getDocumentInformation().setTitle("scan " + i); // every file different, as real scans are
                doc.save(pdfInbox.resolve(String.format(Locale.ROOT, "scan-%05d.pdf", i)).toFile());
            }
        }
        jp.ofuku.replies.Replies reader = ofuku.bean(jp.ofuku.replies.Replies.class);
        for (Path inbox : new Path[] {faxInbox, pdfInbox}) {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long started = System.nanoTime();
            jp.ofuku.ops.JobOutcome o = reader.read(List.of(inbox));
            double seconds = (System.nanoTime() - started) / 1e9;
            long read = o.counts().getOrDefault(jp.ofuku.replies.ReadRun.PAGES, 0L);
            System.out.printf(Locale.ROOT, "read %s: %,d pages in %.1f s = %.1f pages/s (%,d replies, %,d same again, %,d review); "
                    + "peak heap %,d MB, peak RSS %s%n", inbox.getFileName(), read, seconds, read / seconds,
                    o.counts().getOrDefault(jp.ofuku.replies.ReadRun.REPLY, 0L), o.counts().getOrDefault(jp.ofuku.replies.ReadRun.DUPLICATE, 0L),
                    o.counts().getOrDefault(jp.ofuku.replies.ReadRun.REVIEW, 0L), peakHeap() >> 20, peakRss());
        }
        return 0;
    }

    @Option(names = "--replies", defaultValue = "1000000", description = "accepted replies to allocate (default ${DEFAULT-VALUE})")
    private int replies;

    @Option(names = "--sessions", defaultValue = "20000", description = "sessions to allocate into (default ${DEFAULT-VALUE})")
    private int sessions;

    /**
     * Allocates {@code replies} accepted replies over {@code sessions} sessions, generated in the
     * database: 200 sites, sessions over the coming 100 days with places for 90 % of the
     * residents, 12 options per form near the resident's own corner of the town (so that popular
     * sessions fill), 1 to 4 options marked at random.
     */
    private int allocate() throws Exception {
        org.springframework.jdbc.core.JdbcTemplate jdbc = ofuku.bean(org.springframework.jdbc.core.JdbcTemplate.class);
        int capacity = Math.max(1, (int) Math.round(replies * 0.9 / sessions));
        System.out.printf(Locale.ROOT, "generating %,d residents, %,d sessions (%d places each), %,d forms with 12 options, %,d replies%n",
                replies, sessions, capacity, replies, replies);
        long started = System.nanoTime();
        jdbc.execute("INSERT INTO districts (district, name, lat, lon) VALUES ('D01', '中央', 35.0, 140.0)");
        jdbc.execute("INSERT INTO sites (site_code, name, address, postal_code, lat, lon) SELECT 'S' || lpad(g::text, 4, '0'),"
                + " '会場' || g, '往復市' || g, '299-0101', 35.0 + g / 1000.0, 140.0 FROM generate_series(1, 200) g");
        jdbc.update("INSERT INTO sessions (site_code, starts_at, ends_at, capacity, vaccine, dose)"
                + " SELECT 'S' || lpad((1 + g % 200)::text, 4, '0'), date_trunc('day', localtimestamp) + interval '1 day' * (2 + g / 200)"
                + " + interval '1 hour' * (9 + (g % 3) * 3), date_trunc('day', localtimestamp) + interval '1 day' * (2 + g / 200)"
                + " + interval '1 hour' * (11 + (g % 3) * 3), ?, 'bench', 1 FROM generate_series(0, ? - 1) g", capacity, sessions);
        jdbc.update("INSERT INTO residents (resident_id, name, name_kana, birth_date, postal_code, address, district, language,"
                + " needs, status, name_latin) SELECT 'R' || lpad(g::text, 8, '0'), '試験', 'シケン', date '1930-01-01' + (g::bigint * 7919 % 20000)::int,"
                + " '299-0101', '往復市', 'D01', 'ja', '{}', 'active', '' FROM generate_series(1, ?) g", replies);
        jdbc.execute("INSERT INTO waves (wave) VALUES ('bench')");
        jdbc.update("INSERT INTO invitations (form_code, wave, resident_id, cohort, language, large_print, job_execution_id, status)"
                + " SELECT lpad(g::text, 10, '0'), 'bench', 'R' || lpad(g::text, 8, '0'), 'all', 'ja', false, 0, 'printed'"
                + " FROM generate_series(1, ?) g", replies);
        long first = jdbc.queryForObject("SELECT min(session_id) FROM sessions", Long.class);
        jdbc.update("INSERT INTO offers (form_code, option_no, session_id) SELECT lpad(g::text, 10, '0'), k,"
                + " ? + (g % ? + k * 37) % ? FROM generate_series(1, ?) g, generate_series(1, 12) k", first, sessions, sessions, replies);
        jdbc.update("INSERT INTO replies (form_code, status, marked_options, extra, source_sha256, source_page, confidence, received_at)"
                + " SELECT lpad(g::text, 10, '0'), 'accepted', ARRAY(SELECT DISTINCT 1 + (g::bigint * 31 + m * 17 + (g % 7) * m) % 12"
                + " FROM generate_series(1, 1 + g % 4) m), '{}', 'bench-' || g, 1, 1, now() - interval '1 second' * g"
                + " FROM generate_series(1, ?) g", replies);
        jdbc.execute("ANALYZE");
        System.out.printf(Locale.ROOT, "generated in %.1f s%n", (System.nanoTime() - started) / 1e9);
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        started = System.nanoTime();
        jp.ofuku.ops.JobOutcome o = ofuku.bean(jp.ofuku.booking.Allocation.class).run();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!o.completed()) {
            throw new OfukuCommand.UserError("benchmark allocate failed: " + o.failure());
        }
        long booked = o.counts().getOrDefault(jp.ofuku.booking.AllocateRun.BOOKED, 0L);
        long greedy = o.counts().getOrDefault(jp.ofuku.booking.AllocateRun.GREEDY_WOULD_BOOK, 0L);
        long overbooked = jdbc.queryForObject("SELECT count(*) FROM sessions WHERE booked > capacity", Long.class);
        System.out.printf(Locale.ROOT, "allocate: %,d replies in %.1f s = %,.0f bookings/s; booked %,d (%.2f %%), first-come greedy"
                        + " would have booked %,d (%.2f %%); sessions over capacity: %d; peak heap %,d MB, peak RSS %s%n"
                        + "  time: loading replies %.1f s, matching %.1f s, writing bookings %.1f s%n",
                replies, seconds, booked / seconds, booked, 100.0 * booked / replies, greedy, 100.0 * greedy / replies, overbooked,
                peakHeap() >> 20, peakRss(), o.counts().getOrDefault(jp.ofuku.booking.AllocateRun.LOAD_MS, 0L) / 1000.0,
                o.counts().getOrDefault(jp.ofuku.booking.AllocateRun.MATCH_MS, 0L) / 1000.0, o.counts().getOrDefault(jp.ofuku.booking.AllocateRun.WRITE_MS, 0L) / 1000.0);
        return 0;
    }

    /** Invites every active resident of the generated file, with sessions enough for all of them. */
    private int invite(RegistryImport registry, SyntheticRegistry generator, Path residentsFile) throws Exception {
        Path sites = work.resolve("sites.csv");
        Path sessions = work.resolve("sessions-" + residents + ".csv");
        generator.writeSites(sites);
        generator.writeSessions(sessions, LocalDate.now().plusDays(14), 10, Math.max(1, residents / 10_000));
        for (Path f : new Path[] {sites, sessions, residentsFile}) {
            String kind = f == sites ? "sites" : f == sessions ? "sessions" : "residents";
            ImportReport r = registry.run(kind, f, "auto", false);
            if (!r.loaded()) {
                throw new OfukuCommand.UserError("benchmark setup failed: " + r.outcome());
            }
        }
        jp.ofuku.invite.Invitations invitations = ofuku.bean(jp.ofuku.invite.Invitations.class);
        Path out = work.resolve("print-" + residents);
        FileSystemUtils.deleteRecursively(out);
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long started = System.nanoTime();
        jp.ofuku.invite.Invitations.Outcome o = invitations.run(invitations.cohort("bench", "all"), out);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!o.completed()) {
            throw new OfukuCommand.UserError("benchmark invite failed: " + o.failure());
        }
        long peakHeap = peakHeap();
        var steps = ofuku.bean(jp.ofuku.ops.StatusReport.class).stepTimes(o.executionId());
        double printSeconds = steps.getOrDefault("print", java.time.Duration.ZERO).toMillis() / 1000.0;
        System.out.printf(Locale.ROOT, "invite: %,d residents planned, %,d letters, %,d print files, %,d pages in %.1f s; "
                + "%,.0f pages/s overall, %,.0f pages/s printing (written, checked against the manifest, renamed); "
                + "peak heap %,d MB, peak RSS %s%n", o.planned(), o.printed(), o.files(), o.pages(), seconds,
                o.pages() / seconds, o.pages() / Math.max(printSeconds, 1e-9), peakHeap >> 20, peakRss());
        System.out.println("  steps: " + steps.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue().toMillis() / 1000.0))
                .collect(java.util.stream.Collectors.joining(", ")));
        return 0;
    }

    private static void measure(RegistryImport registry, Path file, String label) throws Exception {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long started = System.nanoTime();
        ImportReport report = registry.run("residents", file, "auto", false);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!report.loaded()) {
            throw new OfukuCommand.UserError("benchmark import failed: " + report.outcome());
        }
        long peakHeap = peakHeap();
        System.out.printf(Locale.ROOT, "%s: %,d rows in %.1f s = %,.0f rows/s; %,d new, %,d updated, %,d unchanged; "
                + "peak heap %,d MB, peak RSS %s (java process)%n", label, report.rows(), seconds, report.rows() / seconds,
                report.inserted(), report.updated(), report.unchanged(), peakHeap >> 20, peakRss());
        System.out.println("  steps: " + report.stepTimes().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue().toMillis() / 1000.0))
                .collect(java.util.stream.Collectors.joining(", ")));
    }

    /** Bytes: the sum of the heap pools' peaks since the last reset. */
    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static String peakRss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> l.substring(6).strip()).findFirst().orElse("n/a");
        } catch (IOException e) {
            return "n/a";
        }
    }
}
