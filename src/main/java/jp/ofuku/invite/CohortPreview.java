package jp.ofuku.invite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The preview an operator signs off before letters are printed: how many letters, by age band
 * and district, and how many residents are left out and why.
 */
@Repository
public class CohortPreview {

    private final JdbcTemplate jdbc;

    public CohortPreview(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Preview of(Cohort cohort, DateForecast dates) {
        List<Object> parameters = new ArrayList<>();
        String outcome = cohort.outcomeSql(parameters);
        parameters.add(cohort.referenceDate()); // the age in the select list follows the outcome's parameters
        Map<String, Long> letters = new TreeMap<>();
        Map<String, Long> byBand = new TreeMap<>();
        Map<String, Long> byDistrict = new TreeMap<>();
        Map<String, Long> excluded = new TreeMap<>();
        jdbc.query("""
                SELECT outcome, %s AS band, district, count(*) FROM (
                    SELECT %s AS outcome, date_part('year', age(?::date, r.birth_date)) AS age, r.district
                    FROM residents r) x
                GROUP BY 1, 2, 3
                """.formatted(Cohort.AGE_BAND, outcome), rs -> {
                    String o = rs.getString(1);
                    long n = rs.getLong(4);
                    if (o.equals("invite")) {
                        letters.merge("letters", n, Long::sum);
                        byBand.merge(rs.getString(2), n, Long::sum);
                        byDistrict.merge(rs.getString(3), n, Long::sum);
                    } else {
                        excluded.merge(o, n, Long::sum);
                    }
                }, parameters.toArray());
        return new Preview(cohort, letters.getOrDefault("letters", 0L), byBand, byDistrict, excluded, dates);
    }

    /** Unknown district codes in the rule: a typo must stop the run, not silently select nobody. */
    public List<String> unknownDistricts(CohortRule rule) {
        List<String> unknown = new ArrayList<>();
        for (String code : rule.districts()) {
            Long n = jdbc.queryForObject("SELECT count(*) FROM districts WHERE district = ?", Long.class, code);
            if (n == 0) {
                unknown.add(code);
            }
        }
        return unknown;
    }

    /**
     * What planning the cohort now would offer, found by planning it in memory exactly as the run
     * will (same planner, same order) without storing anything: residents offered every option,
     * fewer, or none at all (by district: no session with room at the sites near them).
     */
    public record DateForecast(int options, long full, long fewer, Map<String, Long> noneByDistrict) {

        public long none() {
            return noneByDistrict.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Residents the sessions can serve with every option, and how many cannot: for the preview and the refusal. */
        public boolean everyoneServed() {
            return fewer == 0 && none() == 0;
        }
    }

    public record Preview(Cohort cohort, long letters, Map<String, Long> byAgeBand, Map<String, Long> byDistrict,
            Map<String, Long> excluded, DateForecast dates) {

        public long excludedTotal() {
            return excluded.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
