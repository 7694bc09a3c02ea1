package jp.ofuku.invite;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A cohort rule applied on a reference date within a wave: the SQL that decides, for each
 * resident, whether the wave invites them and if not, why not.
 */
public record Cohort(CohortRule rule, LocalDate referenceDate, String wave) {

    /** Age bands of the preview, as SQL over the resident's age. */
    static final String AGE_BAND = """
            CASE WHEN age < 15 THEN '0-14' WHEN age < 40 THEN '15-39' WHEN age < 65 THEN '40-64'
                 WHEN age < 75 THEN '65-74' WHEN age < 85 THEN '75-84' ELSE '85+' END""";

    /** Why a resident is or is not invited: 'invite', 'deceased', 'moved out', 'outside age', 'outside the rule', 'already invited'. */
    String outcomeSql(List<Object> parameters) {
        return "CASE WHEN r.status = 'deceased' THEN 'deceased'"
                + " WHEN r.status = 'moved_out' THEN 'moved out'"
                + " WHEN r.status <> 'active' THEN 'not active'"
                + " WHEN NOT " + ageCondition(parameters) + " THEN 'outside age'"
                + " WHEN NOT " + otherConditions(parameters) + " THEN 'outside the rule'"
                + " WHEN " + invited(parameters) + " THEN 'already invited'"
                + " ELSE 'invite' END";
    }

    /** The residents this wave invites now. */
    String selectionSql(List<Object> parameters) {
        return "r.status = 'active' AND " + ageCondition(parameters) + " AND " + otherConditions(parameters)
                + " AND NOT " + invited(parameters);
    }

    private String ageCondition(List<Object> parameters) {
        List<String> parts = new ArrayList<>();
        rule.minAge().ifPresent(min -> {
            parts.add("r.birth_date <= ?");
            parameters.add(referenceDate.minusYears(min));
        });
        rule.maxAge().ifPresent(max -> {
            parts.add("r.birth_date > ?");
            parameters.add(referenceDate.minusYears(max + 1L));
        });
        return parts.isEmpty() ? "true" : "(" + String.join(" AND ", parts) + ")";
    }

    private String otherConditions(List<Object> parameters) {
        if (rule.clauses().isEmpty()) {
            return "true";
        }
        List<String> parts = new ArrayList<>();
        for (CohortRule.Clause clause : rule.clauses()) {
            parts.add(clause.condition());
            parameters.addAll(clause.parameters());
        }
        return "(" + String.join(" AND ", parts) + ")";
    }

    private String invited(List<Object> parameters) {
        parameters.add(wave);
        parameters.add(wave);
        // invited already, or booked by telephone without a letter
        return "(EXISTS (SELECT 1 FROM invitations i WHERE i.wave = ? AND i.resident_id = r.resident_id)"
                + " OR " + jp.ofuku.booking.Bookings.BOOKED_IN_WAVE + ")";
    }
}
