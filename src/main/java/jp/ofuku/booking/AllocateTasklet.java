package jp.ofuku.booking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;


/**
 * Books accepted replies into sessions, in one transaction: every reply not yet allocated is
 * decided (booked, unplaced, other dates, declined, or review for a resident already booked),
 * the bookings are written with COPY, and the database's capacity check has the last word. When
 * another booker took a place meanwhile, the bookings are written one by one, the ones refused
 * are matched again against what is left, until none is refused. Killed at any moment, nothing
 * is written; a rerun decides only what is still undecided.
 */
class AllocateTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(AllocateTasklet.class);
    static final int MAX_ROUNDS = 5;

    private final AllocationStore store;
    private final Departures departures;

    AllocateTasklet(AllocationStore store, Departures departures) {
        this.store = store;
        this.departures = departures;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        long executionId = chunkContext.getStepContext().getStepExecution().getJobExecutionId();
        ExecutionContext counts = chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
        // residents the registry says died or moved away: their bookings to come cancelled, their replies to a person
        Departures.Settled left = departures.settle("allocate run " + executionId);
        counts.putLong(AllocateRun.BOOKINGS_CANCELLED_LEFT, left.bookingsCancelled());
        int gone = store.residentsWhoLeftToReview(executionId);
        // replies for residents already booked, and declines: decided before any matching
        int replaced = store.replacedFormsToReview(executionId);
        int review = store.alreadyBookedToReview(executionId);
        int declined = store.recordDeclines(executionId);
        int otherDatesOnly = store.recordOtherDatesOnly(executionId);
        long booked = 0;
        long unplaced = 0;
        long started = System.nanoTime();
        List<AllocationStore.Pending> pending = store.load();
        counts.putLong(AllocateRun.LOAD_MS, (System.nanoTime() - started) / 1_000_000);
        phase("%,d replies waiting, read in %.1f s; matching them to the sessions they marked", pending.size(), started);
        for (int round = 1; !pending.isEmpty(); round++) {
            Map<Long, Integer> index = new HashMap<>();
            List<Long> sessionIds = new ArrayList<>();
            int[][] options = new int[pending.size()][];
            for (int r = 0; r < options.length; r++) {
                int[] marked = pending.get(r).sessions();
                options[r] = new int[marked.length];
                for (int k = 0; k < marked.length; k++) {
                    long id = marked[k];
                    Integer s = index.get(id);
                    if (s == null) {
                        s = sessionIds.size();
                        index.put(id, s);
                        sessionIds.add(id);
                    }
                    options[r][k] = s;
                }
            }
            int[] room = store.room(sessionIds);
            if (round == 1) {
                counts.putLong(AllocateRun.GREEDY_WOULD_BOOK, Matching.greedy(options, room));
            }
            long matchStarted = System.nanoTime();
            Matching matching = new Matching(options, room);
            int[] placed = matching.run();
            long writeStarted = System.nanoTime();
            counts.putLong(AllocateRun.MATCH_MS, counts.getLong(AllocateRun.MATCH_MS, 0) + (writeStarted - matchStarted) / 1_000_000);
            phase("%,d placed in %.1f s; writing the bookings", matching.placedCount(), matchStarted);
            List<AllocationStore.Pending> refused = store.write(pending, placed, sessionIds, executionId, round == MAX_ROUNDS);
            counts.putLong(AllocateRun.WRITE_MS, counts.getLong(AllocateRun.WRITE_MS, 0) + (System.nanoTime() - writeStarted) / 1_000_000);
            booked += matching.placedCount() - refused.size();
            if (round == MAX_ROUNDS) {
                unplaced += pending.size() - matching.placedCount() + refused.size();
                break;
            }
            unplaced += pending.size() - matching.placedCount();
            if (!refused.isEmpty()) {
                log.info("allocate: {} bookings refused by the database (another booker took the places); matching them again",
                        refused.size());
            }
            pending = refused;
        }
        AllocationStore.NextDoses series = store.nextDoses(executionId);
        counts.putLong(AllocateRun.NEXT_DOSE_BOOKED, series.booked());
        counts.putLong(AllocateRun.NEXT_DOSE_UNPLACED, series.unplaced());
        counts.putLong(AllocateRun.BOOKED, booked);
        counts.putLong(AllocateRun.UNPLACED, unplaced);
        counts.putLong(AllocateRun.OTHER_DATES, otherDatesOnly);
        counts.putLong(AllocateRun.DECLINED, declined);
        counts.putLong(AllocateRun.REVIEW, review + replaced + gone);
        return RepeatStatus.FINISHED;
    }

    /** A line on the terminal and in the log as each phase of a large allocation ends (a million replies take half a minute). */
    private static void phase(String format, long count, long since) {
        if (count >= 10_000) {
            String line = "allocate: " + String.format(java.util.Locale.ROOT, format, count, (System.nanoTime() - since) / 1e9);
            System.err.println(line);
            log.info(line);
        }
    }
}
