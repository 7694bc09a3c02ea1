package jp.ofuku.registry;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Merges a run's staged rows into a registry table by natural key: new keys are inserted,
 * rows whose values differ are updated, identical rows are left untouched (so importing the
 * same file twice writes nothing).
 */
record StagedUpsert(String table, String staging, List<String> keys, List<String> values) {

    String sql() {
        String all = String.join(", ", concat());
        String updates = values.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
        String current = values.stream().map(c -> table + "." + c).collect(Collectors.joining(", "));
        String incoming = values.stream().map(c -> "EXCLUDED." + c).collect(Collectors.joining(", "));
        return """
                WITH up AS (
                    INSERT INTO %s (%s)
                    SELECT %s FROM %s WHERE execution_id = ?
                    ON CONFLICT (%s) DO UPDATE SET %s, updated_at = now()
                    WHERE (%s) IS DISTINCT FROM (%s)
                    RETURNING (xmax = 0) AS inserted)
                SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM up
                """.formatted(table, all, all, staging, String.join(", ", keys), updates, current, incoming);
    }

    /** Runs the merge; {@code unchanged} is what was staged and neither inserted nor updated. */
    MergeCounts run(JdbcTemplate jdbc, long executionId) {
        long staged = jdbc.queryForObject("SELECT count(*) FROM " + staging + " WHERE execution_id = ?", Long.class,
                executionId);
        return jdbc.queryForObject(sql(), (rs, i) -> new MergeCounts(rs.getLong("inserted"), rs.getLong("updated"),
                staged - rs.getLong("inserted") - rs.getLong("updated"), java.util.Map.of()), executionId);
    }

    private List<String> concat() {
        return java.util.stream.Stream.concat(keys.stream(), values.stream()).toList();
    }

    /** Rows of the run sharing a key: every occurrence is a problem, naming the others' lines. */
    String duplicateCheck(String label) {
        String keyList = String.join(", ", keys);
        String keyText = keys.stream().map(k -> "s." + k + "::text").collect(Collectors.joining(" || ' ' || "));
        return """
                SELECT s.line, '%s' AS column_name,
                       '%s ' || %s || ' appears on more than one line (' || d.lines || ')' AS reason
                FROM %s s
                JOIN (SELECT %s, array_to_string((array_agg(line ORDER BY line))[1:6], ', ')
                             || CASE WHEN count(*) > 6 THEN ', …' ELSE '' END AS lines
                      FROM %s WHERE execution_id = ? GROUP BY %s HAVING count(*) > 1) d USING (%s)
                WHERE s.execution_id = ?
                """.formatted(label, label, keyText, staging, keyList, staging, keyList, keyList);
    }
}
