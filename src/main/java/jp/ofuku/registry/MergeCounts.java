package jp.ofuku.registry;

import java.util.List;
import java.util.Map;

/** What a merge did: rows new to the registry, rows that changed, rows already as given. */
public record MergeCounts(long inserted, long updated, long unchanged, Map<String, Long> statusChanges, List<String> moved) {

    public MergeCounts(long inserted, long updated, long unchanged, Map<String, Long> statusChanges) {
        this(inserted, updated, unchanged, statusChanges, List.of());
    }
}
