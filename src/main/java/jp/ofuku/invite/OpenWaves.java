package jp.ofuku.invite;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.ofuku.ops.Audit;

/**
 * Waves left open: each nightly's invite stage invites the residents who newly match an open
 * wave's rule on that night's date (turned 65, moved in), once each, as a rerun of {@code invite}
 * does: a resident already invited in the wave, or booked in it by telephone, is never invited
 * again. Ages are counted on each night's date, so the rule of an open wave has no 'on DATE'.
 */
@Service
public class OpenWaves {

    /** A wave as the list shows it: its rule and whether the nightly invites for it. */
    public record Wave(String wave, String rule, OffsetDateTime openedAt, String openedBy, OffsetDateTime closedAt, long invited) {
        public boolean open() {
            return openedAt != null && closedAt == null;
        }
    }

    private final JdbcTemplate jdbc;
    private final Invitations invitations;
    private final Audit audit;

    public OpenWaves(JdbcTemplate jdbc, Invitations invitations, Audit audit) {
        this.jdbc = jdbc;
        this.invitations = invitations;
        this.audit = audit;
    }

    /**
     * Opens the wave (creating it when new) with its rule, checked as {@code invite} checks it;
     * returns the preview of whom tonight's nightly would invite for it.
     */
    @Transactional
    public CohortPreview.Preview open(String wave, String rule, String by) {
        Cohort cohort = invitations.cohort(wave, rule);
        if (cohort.rule().referenceDate().isPresent()) {
            throw new CohortRuleException("an open wave counts ages on each night's date: leave 'on " + cohort.rule().referenceDate().get()
                    + "' out of the rule (or invite once with scripts/ofuku invite)");
        }
        String before = jdbc.query("SELECT CASE WHEN opened_at IS NOT NULL AND closed_at IS NULL THEN 'open: ' || cohort_rule"
                + " ELSE 'closed' END FROM waves WHERE wave = ?", rs -> rs.next() ? rs.getString(1) : "new", wave);
        jdbc.update("""
                INSERT INTO waves (wave, cohort_rule, opened_at, opened_by) VALUES (?, ?, now(), ?)
                ON CONFLICT (wave) DO UPDATE SET cohort_rule = excluded.cohort_rule, opened_at = now(), opened_by = excluded.opened_by,
                                                 closed_at = NULL""", wave, cohort.rule().text(), by);
        audit.record(by, "wave.open", wave, before, "open: " + cohort.rule().text());
        return invitations.preview(cohort);
    }

    /** Closes an open wave: the nightly invites no more for it (letters already planned are still printed by invite). */
    @Transactional
    public void close(String wave, String by) {
        int n = jdbc.update("UPDATE waves SET closed_at = now() WHERE wave = ? AND opened_at IS NOT NULL AND closed_at IS NULL", wave);
        if (n == 0) {
            throw new CohortRuleException(jdbc.queryForList("SELECT 1 FROM waves WHERE wave = ?", wave).isEmpty()
                    ? "there is no wave '" + wave + "' (scripts/ofuku wave list shows them)"
                    : "the wave '" + wave + "' is not open; nothing to close");
        }
        audit.record(by, "wave.close", wave, "open", "closed");
    }

    /** Every wave, newest first, with how many residents it invited. */
    public List<Wave> all() {
        return jdbc.query("""
                SELECT w.wave, w.cohort_rule, w.opened_at, w.opened_by, w.closed_at,
                       (SELECT count(DISTINCT i.resident_id) FROM invitations i WHERE i.wave = w.wave)
                FROM waves w ORDER BY w.created_at DESC, w.wave""", (rs, i) -> new Wave(rs.getString(1), rs.getString(2),
                rs.getObject(3, OffsetDateTime.class), rs.getString(4), rs.getObject(5, OffsetDateTime.class), rs.getLong(6)));
    }

    /** The open waves, each with the invite job's parameters for the night of {@code date} printing into {@code out}/WAVE-invite. */
    public List<JobParametersBuilder> tonight(LocalDate date, Path out) {
        return all().stream().filter(Wave::open).sorted(java.util.Comparator.comparing(Wave::wave))
                .map(w -> InviteRun.parameters(w.wave(), w.rule(), date, date, out.resolve(w.wave() + "-invite"))).toList();
    }
}
