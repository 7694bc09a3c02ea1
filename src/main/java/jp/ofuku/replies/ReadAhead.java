package jp.ofuku.replies;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.ofuku.scan.FormReader;
import jp.ofuku.scan.GrayPage;
import jp.ofuku.scan.PageSource;
import jp.ofuku.scan.UnreadableFileException;

/**
 * Reads files ahead of the transactions that record them, on every core: a few files are
 * hashed and decoded at once, and the pages of each are read in parallel. Nothing here writes:
 * what a file says is handed back, in the order of the files, to be recorded in one
 * transaction per file. Killed at any moment, nothing is lost but the reading in flight.
 *
 * <p>A file on which nothing comes forward for the page time limit (no page decoded, no page
 * read) is given up as unreadable, with the page it stopped at: a page that takes that long to
 * draw is made to stall a reader, not scanned. Its threads are left to end on their own (a
 * decoder need not heed an interrupt); the files after it are read by fresh ones.
 */
final class ReadAhead implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadAhead.class);

    /** What a received file says: its hash, and either why it cannot be read or every page's analysis. */
    record FileReading(Path file, String sha256, long bytes, String kind, boolean seen, Optional<String> refusal,
            List<PageAnalysis> pages) {
    }

    /** How far the reading of one file has come: its hash once known, the page it is on, and since when. */
    private static final class Progress {
        volatile String sha256;
        volatile long bytes;
        volatile String kind;
        volatile int page = 1;
        /** {@link System#nanoTime()} of the last step forward; 0 until the file is hashed and its decoding begins. */
        volatile long since;

        void forward() {
            since = System.nanoTime();
        }
    }

    /** A file handed to the workers, and how far they have come with it. */
    private record Pending(Path file, Progress progress, Future<FileReading> reading) {
    }

    private final List<Path> files;
    private final FormReader reader;
    private final ReplyStore store;
    private final double blankInk;
    private final int threads;
    private final Duration pageTimeLimit;
    private ExecutorService fileWorkers;
    private ExecutorService pageWorkers;
    private final Deque<Pending> ahead = new ArrayDeque<>();
    private int submitted;

    ReadAhead(List<Path> files, FormReader reader, ReplyStore store, double blankInk, int threads, Duration pageTimeLimit) {
        this.files = files;
        this.reader = reader;
        this.store = store;
        this.blankInk = blankInk;
        this.threads = Math.max(1, threads);
        this.pageTimeLimit = pageTimeLimit;
        startWorkers();
    }

    private void startWorkers() {
        fileWorkers = Executors.newFixedThreadPool(threads, named("ofuku-decode"));
        pageWorkers = Executors.newFixedThreadPool(threads, named("ofuku-read"));
    }

    private Pending submit(Path file) {
        Progress progress = new Progress();
        return new Pending(file, progress, fileWorkers.submit(() -> read(file, progress)));
    }

    /** The next file's reading, in order; waits for it if it is still being read. */
    FileReading next() throws Exception {
        return next(() -> false).orElseThrow();
    }

    /** How often a wait for a file being read asks whether the run was asked to stop. */
    static final long STOP_POLL_MS = 500;

    /**
     * The same, or empty when {@code stopAsked} says the run was asked to stop while the file was
     * still being read: it is then left unread, to be read again when the run is carried on.
     */
    Optional<FileReading> next(BooleanSupplier stopAsked) throws Exception {
        while (submitted < files.size() && ahead.size() <= threads) {
            ahead.add(submit(files.get(submitted++)));
        }
        Pending first = ahead.poll();
        if (first == null) {
            throw new IllegalStateException("no more files");
        }
        // a file read ahead may have waited, its pages queued behind a long fax's: it is timed from
        // when it is the one waited for, or from its last step forward if later
        long waitedForSince = System.nanoTime();
        try {
            while (true) {
                try {
                    return Optional.of(first.reading().get(STOP_POLL_MS, TimeUnit.MILLISECONDS));
                } catch (TimeoutException e) {
                    if (stopAsked.getAsBoolean()) {
                        first.reading().cancel(true);
                        return Optional.empty();
                    }
                    long since = first.progress().since;
                    if (since != 0 && System.nanoTime() - Math.max(since, waitedForSince) > pageTimeLimit.toNanos()) {
                        return Optional.of(giveUp(first));
                    }
                }
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /**
     * The file stalled: refused with the page it stopped at. Its workers are left to it, and the
     * files read ahead behind it are handed to new ones.
     */
    private FileReading giveUp(Pending stalled) {
        Progress at = stalled.progress();
        String seconds = pageTimeLimit.toMillis() % 1000 == 0 ? Long.toString(pageTimeLimit.toSeconds())
                : String.format(java.util.Locale.ROOT, "%.3f", pageTimeLimit.toMillis() / 1000.0);
        String reason = "reading page " + at.page + " took more than " + seconds + " s (ofuku.read.page-time-limit):"
                + " a page that takes that long to draw is made to stall a reader, not scanned";
        log.warn("{}: {}; its reading is abandoned", stalled.file().getFileName(), reason);
        stalled.reading().cancel(true);
        List<Path> behind = ahead.stream().map(Pending::file).toList();
        ahead.forEach(p -> p.reading().cancel(true));
        ahead.clear();
        fileWorkers.shutdownNow();
        pageWorkers.shutdownNow();
        startWorkers();
        behind.forEach(file -> ahead.add(submit(file)));
        return new FileReading(stalled.file(), at.sha256, at.bytes, at.kind, false, Optional.of(reason), List.of());
    }

    private FileReading read(Path file, Progress progress) throws Exception {
        Optional<String> notAFile = Intake.notAFile(file);
        if (notAFile.isPresent()) {
            return new FileReading(file, Intake.entryHash(file), 0, "not a file", false, notAFile, List.of());
        }
        String sha = Intake.sha256(file);
        long bytes = Files.size(file);
        String kind = PageSource.kindOf(file).name().toLowerCase(java.util.Locale.ROOT);
        if (store.seen(sha)) {
            return new FileReading(file, sha, bytes, kind, true, Optional.empty(), List.of());
        }
        progress.sha256 = sha;
        progress.bytes = bytes;
        progress.kind = kind;
        progress.forward();
        List<Future<PageAnalysis>> pages = new ArrayList<>();
        try {
            PageSource.each(file, scan -> {
                // keep a few pages in flight per file: enough to keep every core busy, few enough to bound memory
                while (pages.stream().filter(f -> !f.isDone()).count() >= 2L * threads) {
                    pages.stream().filter(f -> !f.isDone()).findFirst().orElseThrow().get();
                }
                int number = scan.index() + 1;
                progress.page = number + 1;
                progress.forward();
                pages.add(pageWorkers.submit(() -> {
                    PageAnalysis analysis = analyse(file, number, GrayPage.of(scan));
                    progress.forward();
                    return analysis;
                }));
            });
        } catch (UnreadableFileException e) {
            pages.forEach(f -> f.cancel(true));
            // a file damaged on its last page is refused whole: none of its pages is recorded
            return new FileReading(file, sha, bytes, kind, false, Optional.of(e.getMessage()), List.of());
        }
        List<PageAnalysis> done = new ArrayList<>();
        for (Future<PageAnalysis> f : pages) {
            // the page the reading waits for, should it stall there
            progress.page = done.size() + 1;
            done.add(f.get());
        }
        return new FileReading(file, sha, bytes, kind, false, Optional.empty(), done);
    }

    /** One page; a fault in reading it sends the page to a person instead of stopping the run. */
    private PageAnalysis analyse(Path file, int page, GrayPage gray) {
        try {
            return PageAnalysis.of(page, gray, reader, store, blankInk);
        } catch (RuntimeException e) {
            log.warn("page {} of {} could not be read, sent to review: {}", page, file.getFileName(), e.toString(), e);
            return new PageAnalysis(page, new PageVerdict(PageVerdict.Outcome.REVIEW, null, "the page could not be read by the machine ("
                    + e.getClass().getSimpleName() + "): look at it", null), java.util.Map.of(), null, Optional.empty(),
                    Optional.empty());
        }
    }

    @Override
    public void close() {
        ahead.forEach(p -> p.reading().cancel(true));
        fileWorkers.shutdownNow();
        pageWorkers.shutdownNow();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
