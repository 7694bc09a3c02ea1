package jp.ofuku.ops;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of long work as plain lines (every few seconds): items done, rate, time left.
 * Plain lines read the same on a terminal, in a log and in cron mail.
 */
public final class Progress {

    private static final Logger log = LoggerFactory.getLogger(Progress.class);
    private static final long INTERVAL_NANOS = Duration.ofSeconds(3).toNanos();

    private final String what;
    private final String unit;
    private final long total;
    private final PrintStream out;
    private final long started = System.nanoTime();
    private long lastPrinted = started;

    private Progress(String what, String unit, long total, PrintStream out) {
        this.what = what;
        this.unit = unit;
        this.total = total;
        this.out = out;
    }

    /** Progress towards {@code total} items (0 when unknown), printed on standard error. */
    public static Progress of(String what, String unit, long total) {
        return new Progress(what, unit, total, System.err);
    }

    private long done;

    /** Adds {@code n} units done (from any thread); prints at most every few seconds. */
    public synchronized void add(long n) {
        done += n;
        at(done);
    }

    /** Call as often as convenient; prints at most every few seconds. */
    public synchronized void at(long done) {
        long now = System.nanoTime();
        if (now - lastPrinted < INTERVAL_NANOS) {
            return;
        }
        lastPrinted = now;
        double seconds = (now - started) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        StringBuilder line = new StringBuilder(what).append(": ").append(String.format(Locale.ROOT, "%,d", done));
        if (total > 0) {
            line.append(String.format(Locale.ROOT, " of %,d %s (%d %%)", total, unit, done * 100 / total));
        } else {
            line.append(' ').append(unit);
        }
        line.append(String.format(Locale.ROOT, ", %,.0f %s/s", rate, unit));
        if (total > 0 && rate > 0 && done < total) {
            line.append(String.format(Locale.ROOT, ", about %s left", human((long) ((total - done) / rate))));
        }
        out.println(line);
        log.info("{}", line);
    }

    private static String human(long seconds) {
        return seconds < 90 ? seconds + " s" : (seconds + 30) / 60 + " min";
    }
}
