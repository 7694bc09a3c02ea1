package jp.ofuku.invite;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

import jp.ofuku.ops.RunControl;
import jp.ofuku.ops.StaleRuns;

/** Previews and runs a wave of invitations, refusing the runs that would send letters by mistake. */
@Service
public class Invitations {

    /** Counts an invite or new-dates run keeps, by name (the nightly keeps them as "invite.printed", "new-dates.printed"). */
    public static final String PRINTED = InviteRun.PRINTED;
    public static final String FILES = InviteRun.FILES;
    public static final String EXCEPTIONS = InviteRun.EXCEPTIONS;
    public static final String NO_OPTIONS = InviteRun.NO_OPTIONS;

    private final CohortPreview previews;
    private final InvitationStore store;
    private final InviteProperties properties;
    private final JobOperator operator;
    private final Job inviteJob;
    private final Job newDatesJob;
    private final StaleRuns staleRuns;
    private final Clock clock;

    public Invitations(CohortPreview previews, InvitationStore store, InviteProperties properties, JobOperator operator,
            @Qualifier("inviteJob") Job inviteJob, @Qualifier("newDatesJob") Job newDatesJob, StaleRuns staleRuns, Clock clock) {
        this.newDatesJob = newDatesJob;
        this.previews = previews;
        this.store = store;
        this.properties = properties;
        this.operator = operator;
        this.inviteJob = inviteJob;
        this.staleRuns = staleRuns;
        this.clock = clock;
    }

    /** The cohort of a wave, checked: a rule that names an unknown district is refused. */
    public Cohort cohort(String wave, String ruleText) {
        if (wave == null || !wave.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new CohortRuleException("the wave name '" + wave + "' must be letters, digits, '.', '_' or '-' "
                    + "(it names the print files), e.g. 2027-spring");
        }
        CohortRule rule = CohortRule.parse(ruleText);
        List<String> unknown = previews.unknownDistricts(rule);
        if (!unknown.isEmpty()) {
            throw new CohortRuleException("the rule names district" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + ", not in the registry; check the codes (scripts/ofuku status lists counts)");
        }
        return new Cohort(rule, rule.referenceDate().orElse(LocalDate.now(clock)), wave);
    }

    public CohortPreview.Preview preview(Cohort cohort) {
        staleRuns.sweep();
        return previews.of(cohort, store.forecast(cohort, properties, LocalDate.now(clock)));
    }

    public long waitingToPrint(String wave) {
        return store.counts(wave).getOrDefault("planned", 0L);
    }

    /**
     * Whether the run asked for is already done: nobody left to plan, nothing waiting to print, and
     * those the rule selects already invited in the wave (by this command run before, a run cut
     * off after its last letter, or another rule).
     */
    public boolean alreadyDone(CohortPreview.Preview preview) {
        return preview.letters() == 0 && waitingToPrint(preview.cohort().wave()) == 0
                && preview.excluded().getOrDefault("already invited", 0L) > 0;
    }

    /** Why this run must not go ahead without --force, or null. */
    public String refusal(CohortPreview.Preview preview) {
        LocalDate today = LocalDate.now(clock);
        long drift = Math.abs(ChronoUnit.DAYS.between(today, preview.cohort().referenceDate()));
        if (drift > properties.maxReferenceDrift()) {
            return "the reference date " + preview.cohort().referenceDate() + " is " + drift + " days from today; "
                    + "ages would be wrong for this year's letters. Check the 'on' date of the rule, or add --force";
        }
        if (preview.letters() == 0 && waitingToPrint(preview.cohort().wave()) == 0) {
            return "the rule selects nobody to invite (" + preview.excludedTotal() + " residents left out, reasons above); "
                    + "check the rule, or add --force";
        }
        CohortPreview.DateForecast dates = preview.dates();
        if (!dates.everyoneServed()) {
            return String.format(Locale.ROOT, "the sessions cannot offer %d dates to every resident of the rule: %,d would get "
                    + "no letter (no session with room near them) and %,d fewer dates. Import more sessions "
                    + "(scripts/ofuku import sessions FILE), then run the same command again; or add --force to print the %,d "
                    + "letters that can be printed now (the others are invited by a later run once sessions are added)",
                    dates.options(), dates.none(), dates.fewer(), dates.full() + dates.fewer());
        }
        return null;
    }

    public Outcome run(Cohort cohort, Path out) throws Exception {
        JobExecution execution = operator.start(inviteJob, RunControl.newRun(InviteRun.parameters(cohort.wave(), cohort.rule().text(),
                cohort.referenceDate(), LocalDate.now(clock), out)));
        return outcome(execution);
    }

    /** Plans and prints new-dates letters for the wave into {@code out}. */
    public Outcome newDates(String wave, Path out) throws Exception {
        JobExecution execution = operator.start(newDatesJob, RunControl.newRun(newDatesParameters(wave, out, LocalDate.now(clock))));
        return outcome(execution);
    }

    /** The new-dates job's parameters for a wave, print folder and date of the letters, not identifying a run: add what does. */
    public JobParametersBuilder newDatesParameters(String wave, Path out, LocalDate date) {
        return InviteRun.parameters(wave, "all", date, date, out);
    }

    /** What an invite or new-dates run did. */
    public Outcome outcome(JobExecution execution) {
        ExecutionContext c = execution.getExecutionContext();
        String failure = jp.ofuku.ops.JobOutcome.failureOf(execution);
        String wave = execution.getJobParameters().getString(InviteRun.WAVE);
        return new Outcome(execution.getId(), execution.getStatus() == BatchStatus.COMPLETED, failure,
                c.getLong(InviteRun.PLANNED, 0), c.getLong(InviteRun.PRINTED, 0), c.getLong(InviteRun.FILES, 0),
                c.getLong(InviteRun.PAGES, 0), c.getLong(InviteRun.EXCEPTIONS, 0), c.getLong(InviteRun.NO_OPTIONS, 0),
                c.getLong(InviteRun.SHORT_OF_OPTIONS, 0), c.getString(InviteRun.REPORT, ""), store.counts(wave));
    }

    /** Withdraws the letters not yet printed of residents who left the registry (died, moved away); returns how many. */
    public int withdrawLeft() {
        return store.withdrawLeft();
    }

    /** A letter held back from the printer, with why. */
    public record Held(String formCode, String residentId, String wave, String kind, String reason) {
    }

    public List<Held> held() {
        return store.held();
    }

    /** Puts a held invitation or new-dates letter back in line: the next run of its wave prints it. False when not held. */
    public boolean release(String formCode) {
        return store.release(formCode);
    }

    public List<String> wavesWaitingForNewDates() {
        return store.wavesWaitingForNewDates();
    }

    /**
     * What an invite or new-dates run did: {@code exceptions} pieces held (not printed, with why),
     * {@code leftOut} residents not invited (no session with room near them), {@code fewerOptions}
     * residents invited with fewer dates than asked.
     */
    public record Outcome(long executionId, boolean completed, String failure, long planned, long printed, long files,
            long pages, long exceptions, long leftOut, long fewerOptions, String report, Map<String, Long> wave) {

        /** Whether the run left something undone that an operator must see: residents left out or letters held. */
        public boolean incomplete() {
            return exceptions > 0 || leftOut > 0;
        }
    }
}
