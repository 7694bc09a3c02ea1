package jp.ofuku.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Where each column of a kind sits in a file's header; refuses a header the kind cannot read. */
record HeaderMap(List<String> names, Map<String, Integer> index) {

    static HeaderMap of(RegistryKind kind, List<String> header) {
        if (header.isEmpty()) {
            throw new ImportRefusedException("the file is empty: expected a header line with "
                    + String.join(", ", kind.requiredColumns()));
        }
        List<String> names = new ArrayList<>(header.size());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT);
            names.add(name);
            if (!name.isEmpty() && index.putIfAbsent(name, i) != null) {
                throw new ImportRefusedException("line 1: column " + name + " appears twice in the header (columns "
                        + (index.get(name) + 1) + " and " + (i + 1) + "); keep one");
            }
        }
        List<String> missing = kind.requiredColumns().stream().filter(c -> !index.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new ImportRefusedException("line 1: missing column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (a " + kind.name() + " file needs "
                    + String.join(", ", kind.requiredColumns()) + "; the header has " + String.join(", ", names) + ")");
        }
        return new HeaderMap(List.copyOf(names), Map.copyOf(index));
    }

    int size() {
        return names.size();
    }

    /** A check of one row's fields, or null-free problem when its field count is wrong. */
    RowCheck check(CsvRows.Row row) {
        RowCheck check = new RowCheck(row.line(), row.values(), index);
        if (row.values().length != names.size()) {
            check.problem("", "has " + row.values().length + " fields; the header has " + names.size()
                    + " (a missing or extra comma, or an unclosed quote)");
        }
        return check;
    }
}
