package jp.ofuku.replies;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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
import jp.ofuku.scan.GrayPage;
import jp.ofuku.scan.PageSource;

/**
 * Reads one received file per transaction: copy it to the archive (or quarantine), read every
 * page, record pages, replies and review items, commit, and only then remove it from the inbox.
 * Killed at any moment, a rerun reads each file once and loses none.
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
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        ExecutionContext counts = job.getExecutionContext();
        if (files == null) {
            files = Intake.files(Arrays.stream(job.getJobParameters().getString(PATHS).split("\n")).map(Path::of).toList());
            progress = Progress.of("read", "files", files.size());
        }
        if (next >= files.size()) {
            return RepeatStatus.FINISHED;
        }
        Path file = files.get(next++);
        readOne(file, job.getId(), counts);
        progress.at(next);
        return next < files.size() ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
    }

    private void readOne(Path file, long executionId, ExecutionContext counts) throws Exception {
        String sha = Intake.sha256(file);
        if (store.seen(sha)) {
            add(counts, "seen", 1);
            removeAfterCommit(file, null);
            return;
        }
        long bytes = Files.size(file);
        String kind = PageSource.kindOf(file).name().toLowerCase();
        // decode every page once before reading any: a file damaged on page 37 is quarantined whole
        Optional<String> refusal = PageSource.refusal(file);
        if (refusal.isPresent()) {
            Path kept = Intake.quarantine(file, sha, Path.of(properties.quarantine()), refusal.get());
            store.recordFile(sha, file.getFileName().toString(), bytes, kind, null, "quarantined", refusal.get(),
                    kept.toString(), executionId);
            log.warn("quarantined {} ({}): {}", kept.getFileName(), sha.substring(0, 16), refusal.get());
            add(counts, "quarantined", 1);
            removeAfterCommit(file, kept);
            return;
        }
        Path kept = Intake.archive(file, sha, Path.of(properties.archive()), LocalDate.now());
        store.recordFile(sha, file.getFileName().toString(), bytes, kind, null, "read", null, kept.toString(), executionId);
        FormReader reader = new FormReader(letters.seal());
        int pages = PageSource.each(file, scan -> record(sha, scan.index() + 1,
                PageVerdict.of(GrayPage.of(scan), reader, store, properties.blankInk()), counts));
        store.setPages(sha, pages);
        add(counts, "files", 1);
        add(counts, "pages", pages);
        removeAfterCommit(file, kept);
    }

    private void record(String sha, int page, PageVerdict v, ExecutionContext counts) {
        String code = v.code().map(Object::toString).orElse(null);
        String identification = v.reading() == null ? "blank" : v.reading().identification().name().toLowerCase();
        double confidence = v.reading() == null ? 1 : v.reading().confidence();
        List<String> extra = v.reading() == null ? List.of() : v.reading().extras();
        String outcome = v.outcome();
        if (outcome.equals("reply")) {
            outcome = store.accept(code, v.marked(), extra, sha, page, confidence);
        } else if (outcome.equals("review")) {
            store.review(sha, page, v.reason(), code, v.marked(), confidence);
        } else if (outcome.equals("returned")) {
            store.returned(code, sha, page);
        }
        store.recordPage(sha, page, outcome, identification, code, v.marked(), extra, confidence,
                v.reason() == null ? "" : v.reason());
        add(counts, outcome, 1);
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
