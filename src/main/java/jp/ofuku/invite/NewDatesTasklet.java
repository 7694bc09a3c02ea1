package jp.ofuku.invite;

import java.util.List;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Plans a new-dates letter for each resident of the wave whose chosen sessions were all full, or
 * who asked for other dates: a new invitation (the next round, a new form code) replacing the
 * old one, with options chosen as for a first letter among sessions that still have room. The
 * letters are then printed by the invite job's print step.
 */
class NewDatesTasklet implements Tasklet {

    private final InvitationStore store;
    private final InviteProperties properties;

    NewDatesTasklet(InvitationStore store, InviteProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        InviteRun run = InviteRun.of(chunkContext);
        store.lockPlanning();
        OfferPlanner planner = store.planner(properties, run.letterDate());
        List<InvitationStore.NewDatesCandidate> waiting = store.newDatesCandidates(run.wave());
        for (InvitationStore.NewDatesCandidate c : waiting) {
            List<OfferPlanner.Slot> options = planner.plan(c.resident().residentId(), c.resident().district());
            if (options.isEmpty()) {
                run.add(InviteRun.NO_OPTIONS, 1); // no session with room: written to once sessions are added
                continue;
            }
            store.insertNewDates(run.wave(), run.executionId(), c, options);
            run.add(InviteRun.PLANNED, 1);
            contribution.incrementWriteCount(1);
        }
        return RepeatStatus.FINISHED;
    }
}
