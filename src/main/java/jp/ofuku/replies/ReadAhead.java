package jp.ofuku.replies;

import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.atomic.AtomicInteger;

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
 */
final class ReadAhead implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadAhead.class);

    /** What a received file says: its hash, and either why it cannot be read or every page's analysis. */
    record FileReading(Path file, String sha256, long bytes, String kind, boolean seen, Optional<String> refusal,
            List<PageAnalysis> pages) {
    }

    private final List<Path> files;
    private final FormReader reader;
    private final ReplyStore store;
    private final double blankInk;
    private final int threads;
    private final ExecutorService fileWorkers;
    private final ExecutorService pageWorkers;
    private final Deque<Future<FileReading>> ahead = new ArrayDeque<>();
    private int submitted;

    ReadAhead(List<Path> files, FormReader reader, ReplyStore store, double blankInk, int threads) {
        this.files = files;
        this.reader = reader;
        this.store = store;
        this.blankInk = blankInk;
        this.threads = Math.max(1, threads);
        this.fileWorkers = Executors.newFixedThreadPool(this.threads, named("ofuku-decode"));
        this.pageWorkers = Executors.newFixedThreadPool(this.threads, named("ofuku-read"));
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
    Optional<FileReading> next(java.util.function.BooleanSupplier stopAsked) throws Exception {
        while (submitted < files.size() && ahead.size() <= threads) {
            Path file = files.get(submitted++);
            ahead.add(fileWorkers.submit(() -> read(file)));
        }
        Future<FileReading> first = ahead.poll();
        if (first == null) {
            throw new IllegalStateException("no more files");
        }
        try {
            while (true) {
                try {
                    return Optional.of(first.get(STOP_POLL_MS, java.util.concurrent.TimeUnit.MILLISECONDS));
                } catch (java.util.concurrent.TimeoutException e) {
                    if (stopAsked.getAsBoolean()) {
                        first.cancel(true);
                        return Optional.empty();
                    }
                }
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private FileReading read(Path file) throws Exception {
        String sha = Intake.sha256(file);
        long bytes = Files.size(file);
        String kind = PageSource.kindOf(file).name().toLowerCase(java.util.Locale.ROOT);
        if (store.seen(sha)) {
            return new FileReading(file, sha, bytes, kind, true, Optional.empty(), List.of());
        }
        List<Future<PageAnalysis>> pages = new ArrayList<>();
        try {
            PageSource.each(file, scan -> {
                // keep a few pages in flight per file: enough to keep every core busy, few enough to bound memory
                while (pages.stream().filter(f -> !f.isDone()).count() >= 2L * threads) {
                    pages.stream().filter(f -> !f.isDone()).findFirst().orElseThrow().get();
                }
                int number = scan.index() + 1;
                pages.add(pageWorkers.submit(() -> analyse(file, number, GrayPage.of(scan))));
            });
        } catch (UnreadableFileException e) {
            pages.forEach(f -> f.cancel(true));
            // a file damaged on its last page is refused whole: none of its pages is recorded
            return new FileReading(file, sha, bytes, kind, false, Optional.of(e.getMessage()), List.of());
        }
        List<PageAnalysis> done = new ArrayList<>();
        for (Future<PageAnalysis> f : pages) {
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
        ahead.forEach(f -> f.cancel(true));
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
