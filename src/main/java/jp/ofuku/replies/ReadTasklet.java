package jp.ofuku.replies;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import jp.ofuku.ops.Partitions;
import jp.ofuku.ops.PerRun;
import jp.ofuku.ops.Progress;
import jp.ofuku.scan.FormReader;

/**
 * Reads one received file per transaction: claim it by its SHA-256, copy it to the archive (or
 * quarantine), read every page, record pages, replies and review items, commit, and only then
 * remove it from the inbox. Killed at any moment, a rerun reads each file once and loses none.
 * The worker step of the partitioned read: each partition a list of the run's files
 * ({@link #partitions}), in this JVM or a worker's.
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

    private final java.time.Clock clock;

    private static final Logger log = LoggerFactory.getLogger(ReadTasklet.class);
    static final String PATHS = "paths";
    /** A partition's files, one path a line; and how many files the whole run has, for its progress. */
    static final String FILES = "files";
    static final String TOTAL = "total";

    private final ReplyStore store;
    private final LetterSetup letters;
    private final ReadProperties properties;
    private final int threads;
    /** What each partition running in this JVM is at: partitions of one run may run side by side. */
    private final Map<Long, Reading> readings = new ConcurrentHashMap<>();
    /** The progress of each run reading in this JVM, shared by its partitions. */
    private final PerRun<Progress> progress = new PerRun<>();

    /** {@code threads}: how many files (and pages of each) one partition decodes and reads ahead at once. */
    ReadTasklet(ReplyStore store, LetterSetup letters, ReadProperties properties, int threads, java.time.Clock clock) {
        this.clock = clock;
        this.store = store;
        this.letters = letters;
        this.properties = properties;
        this.threads = threads;
    }

    /** One partition's files, where it is in them, and the files being read ahead of it. */
    private static final class Reading {
        final List<Path> files;
        final ReadAhead ahead;
        int next;

        Reading(List<Path> files, ReadAhead ahead) {
            this.files = files;
            this.ahead = ahead;
        }
    }

    /** The run's files and folders as files, in {@code grid} contiguous lists ({@link Partitions#contiguous}). */
    static Map<String, ExecutionContext> partitions(StepExecution manager, int grid) throws java.io.IOException {
        List<Path> files = Intake.files(Arrays.stream(manager.getJobParameters().getString(PATHS).split("\n")).map(Path::of).toList());
        return Partitions.contiguous(files, grid, some -> {
            ExecutionContext context = new ExecutionContext();
            context.putString(FILES, some.stream().map(Path::toString).collect(Collectors.joining("\n")));
            context.putLong(TOTAL, files.size());
            return context;
        });
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        readings.remove(stepExecution.getId());
    }

    @Override
    public org.springframework.batch.core.ExitStatus afterStep(StepExecution stepExecution) {
        Reading reading = readings.remove(stepExecution.getId());
        if (reading != null) {
            reading.ahead.close();
        }
        progress.afterStep(stepExecution);
        return stepExecution.getExitStatus();
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution partition = chunkContext.getStepContext().getStepExecution();
        Reading reading = readings.computeIfAbsent(partition.getId(), id -> {
            // files read before a restart have left the inbox: the partition carries on with those still there
            String listed = partition.getExecutionContext().getString(FILES, "");
            List<Path> files = listed.isEmpty() ? List.of()
                    : Arrays.stream(listed.split("\n")).map(Path::of).filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS)).toList();
            return new Reading(files, new ReadAhead(files, new FormReader(letters.seal()), store, properties.blankInk(), threads,
                    properties.pageTimeLimit()));
        });
        if (reading.next >= reading.files.size()) {
            return RepeatStatus.FINISHED;
        }
        Progress shown = progress.of(partition, run -> Progress.of("read", "files", run.getExecutionContext().getLong(TOTAL, 0)));
        long execution = partition.getJobExecutionId();
        ReadAhead.FileReading read = reading.ahead.next(() -> store.stopAsked(execution)).orElse(null);
        if (read == null) {
            // asked to stop while a file was being read (a long fax): it stays in the inbox, read again on restart
            throw new org.springframework.batch.core.job.JobInterruptedException("asked to stop while "
                    + reading.files.get(reading.next).getFileName() + " was being read; it is left in the inbox to be read again");
        }
        reading.next++;
        record(read, execution, partition);
        shown.add(1);
        return reading.next < reading.files.size() ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
    }

    private void record(ReadAhead.FileReading read, long executionId, StepExecution counts) throws Exception {
        Path file = read.file();
        String sha = read.sha256();
        // claimed by its bytes first: the same bytes in two files (or two workers) are recorded once
        if (read.seen() || !store.claim(sha, file.getFileName().toString(), read.bytes(), read.kind(), executionId)) {
            add(counts, ReadRun.SEEN, 1);
            removeAfterCommit(file, null);
            return;
        }
        if (read.refusal().isPresent()) {
            Path kept = Intake.quarantine(file, sha, Path.of(properties.quarantine()), read.refusal().get());
            store.recordFile(sha, null, "quarantined", read.refusal().get(), kept.toString());
            log.warn("quarantined {} ({}): {}", kept.getFileName(), sha.substring(0, 16), read.refusal().get());
            add(counts, ReadRun.QUARANTINED, 1);
            removeAfterCommit(file, kept);
            return;
        }
        Path kept = Intake.archive(file, sha, Path.of(properties.archive()), LocalDate.now(clock));
        if (!Intake.sha256(kept).equals(sha)) {
            // the file changed while it was read (a scanner still writing it): leave it for the next run
            Files.deleteIfExists(kept);
            store.unclaim(sha);
            log.warn("{} changed while it was being read; left in the inbox for the next run", file.getFileName());
            add(counts, ReadRun.CHANGING, 1);
            return;
        }
        store.recordFile(sha, read.pages().size(), "read", null, kept.toString());
        store.lockForms(read.pages().stream().filter(p -> p.verdict().outcome() == PageVerdict.Outcome.REPLY)
                .map(p -> p.verdict().code().map(Object::toString).orElse(null)).toList());
        for (PageAnalysis page : read.pages()) {
            record(sha, page, counts);
        }
        add(counts, ReadRun.FILES, 1);
        add(counts, ReadRun.PAGES, read.pages().size());
        removeAfterCommit(file, kept);
    }

    private void record(String sha, PageAnalysis analysis, StepExecution counts) {
        PageVerdict v = analysis.verdict();
        int page = analysis.page();
        String code = v.code().map(Object::toString).orElse(null);
        String identification = v.reading() == null ? (v.outcome() == PageVerdict.Outcome.BLANK ? "blank" : "error")
                : v.reading().identification().name().toLowerCase();
        double confidence = v.reading() == null ? (v.outcome() == PageVerdict.Outcome.BLANK ? 1 : 0) : v.reading().confidence();
        List<String> extra = v.reading() == null ? List.of() : v.reading().extras();
        PageVerdict.Outcome outcome = v.outcome();
        String reason = v.reason();
        if (outcome == PageVerdict.Outcome.REPLY) {
            Optional<ReplyStore.Answer> earlier = store.answer(code);
            if (earlier.isEmpty()) {
                store.accept(code, v.marked(), extra, sha, page, confidence);
            } else if (earlier.get().says(v.marked(), extra)) {
                outcome = PageVerdict.Outcome.DUPLICATE; // the same form by post and by fax
            } else {
                // a resident who changed their mind, or someone answering in their name: a person decides which stands
                outcome = PageVerdict.Outcome.REVIEW;
                reason = "this form was already answered on " + earlier.get().received().atZoneSameInstant(clock.getZone())
                        .toLocalDate() + " (" + ReplyStore.Answer.describe(earlier.get().marked(), earlier.get().extra())
                        + "); this page says " + ReplyStore.Answer.describe(v.marked(), extra) + ". The first answer stands"
                        + " until you decide: accept this page to replace it, or mark it not a reply to keep the first";
            }
        }
        if (outcome == PageVerdict.Outcome.REVIEW) {
            String guess = code != null ? code : analysis.guessedForm().map(Object::toString).orElse(null);
            store.review(sha, page, reason, guess, v.marked(), confidence, analysis.pageText(),
                    analysis.guessedResident().orElse(null), v.detail());
        } else if (outcome == PageVerdict.Outcome.RETURNED) {
            store.returned(code, sha, page);
        }
        store.crops(sha, page, analysis.crops());
        store.recordPage(sha, page, outcome.key(), identification, code, v.marked(), extra, confidence,
                reason == null ? "" : reason);
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

    /** Counts are the partition's own, summed into the run's when the partitions end ({@link Partitions}). */
    private static void add(StepExecution partition, String key, long n) {
        Partitions.add(partition, key, n);
    }
}
