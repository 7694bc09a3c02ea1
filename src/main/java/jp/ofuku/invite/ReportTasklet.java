package jp.ofuku.invite;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import jp.ofuku.letters.Catalog;
import jp.ofuku.ops.SpreadsheetCells;
import jp.ofuku.registry.Language;

/**
 * The run report beside the print files: counts, letters held back as exceptions and why,
 * warnings, and the languages whose wording no native speaker has reviewed yet.
 */
class ReportTasklet implements Tasklet {

    /** Held letters listed in the report itself; all of them are in the exceptions CSV. */
    private static final int SHOWN_HELD = 100;

    private final InvitationStore store;

    ReportTasklet(InvitationStore store) {
        this.store = store;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        InviteRun run = InviteRun.of(chunkContext);
        Files.createDirectories(run.out());
        Path report = run.out().resolve(run.wave() + "-report-" + run.executionId() + ".txt");
        Path exceptions = run.out().resolve(run.wave() + "-exceptions.csv");
        List<String[]> held = store.exceptions(run.wave());
        try (Writer out = Files.newBufferedWriter(exceptions, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
            csv.printRecord("form_code", "resident_id", "reason");
            for (String[] e : held) {
                csv.printRecord(SpreadsheetCells.cells((Object[]) e));
            }
        }
        Map<String, Long> counts = store.counts(run.wave());
        String unreviewed = Arrays.stream(Language.values()).map(Catalog::of).filter(c -> !c.reviewed())
                .map(c -> c.language().tag()).collect(Collectors.joining(", "));
        List<String> lines = new java.util.ArrayList<>(List.of(
                "ofuku invitation run " + run.executionId() + ", wave " + run.wave(),
                "cohort: " + run.cohort().rule().describe(run.cohort().referenceDate()),
                "letter date: " + run.letterDate(),
                "",
                String.format(Locale.ROOT, "this run: %,d residents planned, %,d letters printed in %,d print files (%,d pages)",
                        run.context().getLong(InviteRun.PLANNED, 0), run.context().getLong(InviteRun.PRINTED, 0),
                        run.context().getLong(InviteRun.FILES, 0), run.context().getLong(InviteRun.PAGES, 0)),
                String.format(Locale.ROOT, "wave so far: %,d printed, %,d waiting to print, %,d held as exceptions",
                        counts.getOrDefault("printed", 0L), counts.getOrDefault("planned", 0L),
                        counts.getOrDefault("exception", 0L)),
                "",
                "exceptions (not sent to the printer; see " + exceptions.getFileName() + "): " + held.size(),
                "warnings:",
                "  names or addresses with a variation sequence no font draws, printed with the base character: "
                        + run.context().getLong(InviteRun.FOLDED, 0),
                "  residents whose language has no catalog, printed in Japanese: "
                        + run.context().getLong(InviteRun.FALLBACK_LANGUAGE, 0),
                "  residents offered fewer options than asked (sessions nearby full): "
                        + run.context().getLong(InviteRun.SHORT_OF_OPTIONS, 0),
                "  residents not invited: no session with room near them: " + run.context().getLong(InviteRun.NO_OPTIONS, 0),
                "languages not yet reviewed by a native speaker: " + (unreviewed.isEmpty() ? "none" : unreviewed)));
        if (!held.isEmpty()) {
            lines.add("");
            lines.add("held letters (form code, resident, why; release with scripts/ofuku letters release FORM_CODE once fixed):");
            held.stream().limit(SHOWN_HELD).forEach(e -> lines.add("  " + e[0] + "  " + e[1] + "  " + e[2]));
            if (held.size() > SHOWN_HELD) {
                lines.add("  … and " + (held.size() - SHOWN_HELD) + " more in " + exceptions.getFileName());
            }
        }
        Files.write(report, lines, StandardCharsets.UTF_8);
        run.context().putString(InviteRun.REPORT, report.toString());
        run.context().putLong(InviteRun.EXCEPTIONS, held.size());
        return RepeatStatus.FINISHED;
    }
}
