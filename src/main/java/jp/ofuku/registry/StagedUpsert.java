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

    /**
     * Runs the merge as two set statements (new rows, then changed rows), which PostgreSQL
     * does far faster than a row-by-row upsert. Imports of one kind take turns (a transaction
     * lock), so a key cannot appear between the two statements.
     */
    MergeCounts run(JdbcTemplate jdbc, long executionId) {
        jp.ofuku.ops.Advisory.MERGE.holdForTransaction(jdbc, table.hashCode());
        String all = String.join(", ", concat());
        String keyMatch = keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
        long staged = jdbc.queryForObject("SELECT count(*) FROM " + staging + " WHERE execution_id = ?", Long.class,
                executionId);
        long updated = jdbc.update("""
                UPDATE %s t SET %s, updated_at = now()
                FROM %s s
                WHERE s.execution_id = ? AND %s AND (%s) IS DISTINCT FROM (%s)
                """.formatted(table, values.stream().map(c -> c + " = s." + c).collect(Collectors.joining(", ")), staging,
                keyMatch, prefixed("t."), prefixed("s.")), executionId);
        long inserted = jdbc.update("""
                INSERT INTO %s (%s)
                SELECT %s FROM %s s
                WHERE s.execution_id = ? AND NOT EXISTS (SELECT 1 FROM %s t WHERE %s)
                """.formatted(table, all, all, staging, table, keyMatch), executionId);
        return new MergeCounts(inserted, updated, staged - inserted - updated, java.util.Map.of());
    }

    private String prefixed(String prefix) {
        return values.stream().map(c -> prefix + c).collect(Collectors.joining(", "));
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
