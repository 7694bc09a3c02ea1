package jp.ofuku.replies;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import jp.ofuku.letters.LetterSetup;
import jp.ofuku.ops.Progress;
import jp.ofuku.scan.FormReader;

/**
 * Reads one received file per transaction: copy it to the archive (or quarantine), read every
 * page, record pages, replies and review items, commit, and only then remove it from the inbox.
 * Killed at any moment, a rerun reads each file once and loses none.
 *
 * <p>Why a tasklet, not a chunk-oriented step of files: each call is one file in one
 * transaction (Spring Batch repeats the tasklet, committing each time, as a chunk of one would),
 * but a file's pages are decoded and read on both cores ahead of the file being recorded
 * ({@link ReadAhead}), which a reader/processor/writer chunk would serialise; and a file's
 * outcome is not one item but a quarantine, an archive copy, pages, replies and review items,
 * with the inbox copy removed only after the commit. Skips are not Spring Batch's: a file that
 * cannot be read is quarantined with its reason and counted, and the run goes on.
 */
class ReadTasklet implements Tasklet, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ReadTasklet.class);
    static final String PATHS = "paths";

    private final ReplyStore store;
    private final LetterSetup letters;
    private final ReadProperties properties;
    private List<Path> files;
    private int next;
    private Progress progress;
    private ReadAhead ahead;

    ReadTasklet(ReplyStore store, LetterSetup letters, ReadProperties properties) {
        this.store = store;
        this.letters = letters;
        this.properties = properties;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        files = null;
        next = 0;
    }

    @Override
    public org.springframework.batch.core.ExitStatus afterStep(StepExecution stepExecution) {
        if (ahead != null) {
            ahead.close();
            ahead = null;
        }
        return stepExecution.getExitStatus();
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        ExecutionContext counts = job.getExecutionContext();
        if (files == null) {
            files = Intake.files(Arrays.stream(job.getJobParameters().getString(PATHS).split("\n")).map(Path::of).toList());
            progress = Progress.of("read", "files", files.size());
            ahead = new ReadAhead(files, new FormReader(letters.seal()), store, properties.blankInk(),
                    Runtime.getRuntime().availableProcessors());
        }
        if (next >= files.size()) {
            return RepeatStatus.FINISHED;
        }
        next++;
        record(ahead.next(), job.getId(), counts);
        progress.at(next);
        return next < files.size() ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
    }

    private void record(ReadAhead.FileReading read, long executionId, ExecutionContext counts) throws Exception {
        Path file = read.file();
        String sha = read.sha256();
        if (read.seen() || store.seen(sha)) {
            add(counts, ReadRun.SEEN, 1);
            removeAfterCommit(file, null);
            return;
        }
        if (read.refusal().isPresent()) {
            Path kept = Intake.quarantine(file, sha, Path.of(properties.quarantine()), read.refusal().get());
            store.recordFile(sha, file.getFileName().toString(), read.bytes(), read.kind(), null, "quarantined",
                    read.refusal().get(), kept.toString(), executionId);
            log.warn("quarantined {} ({}): {}", kept.getFileName(), sha.substring(0, 16), read.refusal().get());
            add(counts, ReadRun.QUARANTINED, 1);
            removeAfterCommit(file, kept);
            return;
        }
        Path kept = Intake.archive(file, sha, Path.of(properties.archive()), LocalDate.now());
        if (!Intake.sha256(kept).equals(sha)) {
            // the file changed while it was read (a scanner still writing it): leave it for the next run
            Files.deleteIfExists(kept);
            log.warn("{} changed while it was being read; left in the inbox for the next run", file.getFileName());
            add(counts, ReadRun.CHANGING, 1);
            return;
        }
        store.recordFile(sha, file.getFileName().toString(), read.bytes(), read.kind(), read.pages().size(), "read", null,
                kept.toString(), executionId);
        for (PageAnalysis page : read.pages()) {
            record(sha, page, counts);
        }
        add(counts, ReadRun.FILES, 1);
        add(counts, ReadRun.PAGES, read.pages().size());
        removeAfterCommit(file, kept);
    }

    private void record(String sha, PageAnalysis analysis, ExecutionContext counts) {
        PageVerdict v = analysis.verdict();
        int page = analysis.page();
        String code = v.code().map(Object::toString).orElse(null);
        String identification = v.reading() == null ? (v.outcome() == PageVerdict.Outcome.BLANK ? "blank" : "error")
                : v.reading().identification().name().toLowerCase();
        double confidence = v.reading() == null ? (v.outcome() == PageVerdict.Outcome.BLANK ? 1 : 0) : v.reading().confidence();
        List<String> extra = v.reading() == null ? List.of() : v.reading().extras();
        PageVerdict.Outcome outcome = v.outcome();
        if (outcome == PageVerdict.Outcome.REPLY) {
            outcome = store.accept(code, v.marked(), extra, sha, page, confidence);
        } else if (outcome == PageVerdict.Outcome.REVIEW) {
            String guess = code != null ? code : analysis.guessedForm().map(Object::toString).orElse(null);
            store.review(sha, page, v.reason(), guess, v.marked(), confidence, analysis.pageText(),
                    analysis.guessedResident().orElse(null), v.detail());
        } else if (outcome == PageVerdict.Outcome.RETURNED) {
            store.returned(code, sha, page);
        }
        store.crops(sha, page, analysis.crops());
        store.recordPage(sha, page, outcome.key(), identification, code, v.marked(), extra, confidence,
                v.reason() == null ? "" : v.reason());
        add(counts, outcome.key(), 1);
    }

    /** The inbox copy goes once the transaction that recorded it commits; the archive keeps the bytes. */
    private static void removeAfterCommit(Path file, Path kept) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    if (kept == null || !file.toAbsolutePath().normalize().equals(kept.toAbsolutePath().normalize())) {
                        Files.deleteIfExists(file);
                    }
                } catch (java.io.IOException e) {
                    log.warn("read {} but could not remove it from the inbox: {}", file, e.getMessage());
                }
            }
        });
    }

    private static void add(ExecutionContext counts, String key, long n) {
        counts.putLong(key, counts.getLong(key, 0) + n);
    }
}
