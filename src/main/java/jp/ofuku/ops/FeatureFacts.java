package jp.ofuku.ops;

import java.util.List;
import java.util.Map;

/**
 * What a feature's store tells the status report and the exports about its own tables: the
 * status report, the console's dashboard and {@code export} ask the stores rather than query
 * every feature's tables themselves.
 */
public interface FeatureFacts {

    /** Counts by name ("residents.active"), in the order the status shows them. */
    Map<String, Long> counts();

    /** Exports by name ("replies"): the query whose columns are the CSV's, and the header of an empty one. */
    default Map<String, Export> exports() {
        return Map.of();
    }

    /** Every feature's counts together, in the features' order. */
    static Map<String, Long> countsOf(List<FeatureFacts> facts) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        facts.forEach(f -> counts.putAll(f.counts()));
        return counts;
    }

    /** Counts from a query whose rows are (name, count), in its order. */
    static Map<String, Long> countsOf(org.springframework.jdbc.core.JdbcTemplate jdbc, String query) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        jdbc.query(query, rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    /** One export: its query, and its columns when it has no row to name them. */
    record Export(String query, List<String> header) {
    }
}
