package jp.ofuku.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

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

    @Parameters(index = "0", paramLabel = "JOB", description = "import")
    private String job;

    @Option(names = "--residents", defaultValue = "1000000", description = "residents in the generated file (default ${DEFAULT-VALUE})")
    private int residents;

    @Option(names = "--work", defaultValue = "out/bench", description = "folder for generated files (default ${DEFAULT-VALUE})")
    private Path work;

    @Override
    public Integer call() throws Exception {
        if (!job.equals("import")) {
            throw new OfukuCommand.UserError("unknown benchmark '" + job + "'; available: import");
        }
        Path benchDb = Path.of("data", "bench-pg");
        deleteTree(benchDb);
        System.setProperty("ofuku.db.url", "");
        System.setProperty("ofuku.db.data-dir", benchDb.toString());

        Files.createDirectories(work);
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
        System.out.printf(Locale.ROOT, "file: %s (%,d residents, %,d MB)%n", file, residents, Files.size(file) >> 20);
        measure(registry, file, "first import (all rows new)");
        measure(registry, file, "same file again (all rows unchanged)");
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
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf(Locale.ROOT, "%s: %,d rows in %.1f s = %,.0f rows/s; %,d new, %,d updated, %,d unchanged; "
                + "peak heap %,d MB, peak RSS %s (java process)%n", label, report.rows(), seconds, report.rows() / seconds,
                report.inserted(), report.updated(), report.unchanged(), peakHeap >> 20, peakRss());
        System.out.println("  steps: " + report.stepTimes().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue().toMillis() / 1000.0))
                .collect(java.util.stream.Collectors.joining(", ")));
    }

    private static String peakRss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> l.substring(6).strip()).findFirst().orElse("n/a");
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
