package jp.ofuku.registry;

import java.util.Map;

/** What a merge did: rows new to the registry, rows that changed, rows already as given. */
public record MergeCounts(long inserted, long updated, long unchanged, Map<String, Long> statusChanges) {
}
