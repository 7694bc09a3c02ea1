package jp.ofuku.invite;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import jp.ofuku.ops.Progress;

/**
 * Chooses the options of every resident the wave invites and stores them, a batch of
 * residents per transaction. A resident once planned keeps their options: a rerun skips them.
 *
 * <p>Why a tasklet, not a chunk-oriented step of residents: each call plans a batch in one
 * transaction under the planning lock (the batch is the chunk), and the planner keeps, across
 * batches, the places it has offered so far, so that options are spread over sessions; the
 * next batch is read after the last resident planned (a key, not an offset), which a restart
 * recomputes from what is stored rather than from a saved reader position.
 */
class PlanTasklet implements Tasklet, StepExecutionListener {

    static final int BATCH = 1000;

    private final InvitationStore store;
    private final InviteProperties properties;

    private OfferPlanner planner;
    private String after = "";
    private Progress progress;

    PlanTasklet(InvitationStore store, InviteProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** Each run starts afresh (a run that failed half-way leaves no state behind for the next). */
    @Override
    public void beforeStep(StepExecution stepExecution) {
        planner = null;
        after = "";
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        InviteRun run = InviteRun.of(chunkContext);
        store.lockPlanning();
        if (planner == null) {
            store.ensureWave(run.wave());
            planner = store.planner(properties, run.letterDate());
            progress = Progress.of("invite " + run.wave() + ": choosing options", "residents", 0);
        }
        List<InvitationStore.Candidate> candidates = store.nextCandidates(run.cohort(), after, BATCH);
        if (candidates.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        List<InvitationStore.Candidate> planned = new ArrayList<>();
        List<List<OfferPlanner.Slot>> options = new ArrayList<>();
        for (InvitationStore.Candidate c : candidates) {
            List<OfferPlanner.Slot> chosen = planner.plan(c.residentId(), c.district());
            if (chosen.isEmpty()) {
                run.add(InviteRun.NO_OPTIONS, 1); // left for a later run, when sessions are added
                continue;
            }
            if (chosen.size() < properties.options()) {
                run.add(InviteRun.SHORT_OF_OPTIONS, 1);
            }
            planned.add(c);
            options.add(chosen);
        }
        if (!planned.isEmpty()) {
            store.insert(run.wave(), run.cohort().rule().text(), run.executionId(), planned, options);
        }
        after = candidates.get(candidates.size() - 1).residentId();
        progress.at(run.add(InviteRun.PLANNED, planned.size()));
        contribution.incrementWriteCount(planned.size());
        return RepeatStatus.CONTINUABLE;
    }
}
