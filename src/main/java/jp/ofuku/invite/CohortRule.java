package jp.ofuku.invite;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.ofuku.registry.Language;

/**
 * Who a wave invites, in a small rule language an operator can read back:
 *
 * <pre>
 *   age 65..                    aged 65 or more on the reference date
 *   age 65..74 on 2027-04-01    aged 65 to 74 on 1 April 2027 (default reference date: today)
 *   age ..15                    aged 15 or less
 *   district D01,D02            living in one of these districts
 *   needs wheelchair            with any of these needs
 *   language vi,pt              with one of these languages
 *   not district D09            any clause negated
 *   all                         every active resident
 * </pre>
 *
 * Clauses are joined with {@code and}. Only active residents are ever selected, and never one
 * already invited in the same wave; those rules are not part of the language and cannot be
 * turned off.
 */
public record CohortRule(String text, Optional<Integer> minAge, Optional<Integer> maxAge, Optional<LocalDate> referenceDate,
        List<Clause> clauses) {

    static final int OLDEST = 130;
    private static final Pattern AGE = Pattern.compile("(\\d{1,3})?\\.\\.(\\d{1,3})?|(\\d{1,3})\\+?");

    /** A condition on residents other than age: {@code sql} over table alias r, with its parameters. */
    public record Clause(String description, String sql, List<Object> parameters, boolean negated) {

        String condition() {
            return negated ? "NOT (" + sql + ")" : "(" + sql + ")";
        }
    }

    public static CohortRule parse(String text) {
        String rule = text == null ? "" : text.strip();
        if (rule.isEmpty()) {
            throw new CohortRuleException("the cohort rule is empty; write 'all' to invite every active resident, "
                    + "or e.g. 'age 65..'");
        }
        List<String> tokens = new ArrayList<>(Arrays.asList(rule.replaceAll("\\s*,\\s*", ",").split("\\s+")));
        Integer min = null;
        Integer max = null;
        LocalDate on = null;
        boolean all = false;
        List<Clause> clauses = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            boolean negated = false;
            String word = tokens.get(i).toLowerCase(Locale.ROOT);
            if (word.equals("not")) {
                negated = true;
                word = next(tokens, i++, "a clause after 'not'").toLowerCase(Locale.ROOT);
            }
            switch (word) {
                case "all" -> all = true;
                case "age" -> {
                    if (negated) {
                        throw new CohortRuleException("'not age' is not supported: write the age range you want, e.g. 'age ..64'");
                    }
                    if (min != null || max != null) {
                        throw new CohortRuleException("the rule gives an age range twice");
                    }
                    String range = next(tokens, i++, "an age range after 'age', e.g. 65.. or 65..74");
                    Matcher m = AGE.matcher(range);
                    if (!m.matches()) {
                        throw new CohortRuleException("'" + range + "' is not an age range: write 65.., ..15, 65..74 or 80");
                    }
                    if (m.group(3) != null) {
                        min = Integer.parseInt(m.group(3));
                        max = range.endsWith("+") ? null : min;
                    } else {
                        min = m.group(1) == null ? null : Integer.parseInt(m.group(1));
                        max = m.group(2) == null ? null : Integer.parseInt(m.group(2));
                        if (min == null && max == null) {
                            throw new CohortRuleException("'..' alone is not an age range: write 65.., ..15 or 65..74");
                        }
                    }
                    if (min != null && max != null && min > max) {
                        throw new CohortRuleException("age " + range + " selects nobody: the lower age is above the upper");
                    }
                    if ((min != null && min > OLDEST) || (max != null && max > OLDEST)) {
                        throw new CohortRuleException("age " + range + " is beyond any resident's age");
                    }
                    if (i + 1 < tokens.size() && tokens.get(i + 1).equalsIgnoreCase("on")) {
                        i++;
                        String date = next(tokens, i++, "a date after 'on', e.g. 2027-04-01");
                        try {
                            on = LocalDate.parse(date);
                        } catch (DateTimeParseException e) {
                            throw new CohortRuleException("'" + date + "' is not a date as YYYY-MM-DD");
                        }
                    }
                }
                case "district", "districts" -> clauses.add(list(tokens, i++, negated, "district",
                        "r.district = ANY (?)", values -> values));
                case "needs", "need" -> clauses.add(list(tokens, i++, negated, "needs", "r.needs && ?", values -> {
                    for (String v : values) {
                        if (!List.of("large_print", "wheelchair", "interpreter").contains(v)) {
                            throw new CohortRuleException("'" + v + "' is not a need: use large_print, wheelchair or interpreter");
                        }
                    }
                    return values;
                }));
                case "language", "languages" -> clauses.add(list(tokens, i++, negated, "language",
                        "r.language = ANY (?)", values -> values.stream()
                                .map(v -> Language.ofTag(v).map(Language::tag).orElse(v)).toList()));
                default -> throw new CohortRuleException("'" + tokens.get(i) + "' is not understood in the cohort rule; "
                        + "use age, district, needs, language, not, all, joined with 'and'");
            }
            i++;
            if (i < tokens.size()) {
                if (!tokens.get(i).equalsIgnoreCase("and")) {
                    throw new CohortRuleException("expected 'and' before '" + tokens.get(i) + "'");
                }
                i++;
                if (i == tokens.size()) {
                    throw new CohortRuleException("the rule ends with 'and'");
                }
            }
        }
        if (all && (min != null || max != null || !clauses.isEmpty())) {
            throw new CohortRuleException("'all' cannot be combined with other clauses");
        }
        return new CohortRule(rule, Optional.ofNullable(min), Optional.ofNullable(max), Optional.ofNullable(on),
                List.copyOf(clauses));
    }

    private static String next(List<String> tokens, int i, String expected) {
        if (i + 1 >= tokens.size()) {
            throw new CohortRuleException("expected " + expected);
        }
        return tokens.get(i + 1);
    }

    private static Clause list(List<String> tokens, int i, boolean negated, String what, String sql,
            java.util.function.UnaryOperator<List<String>> check) {
        String value = next(tokens, i, "one or more values after '" + what + "', separated by commas");
        List<String> values = check.apply(Arrays.stream(value.split(",")).filter(v -> !v.isBlank()).toList());
        String description = (negated ? "not " : "") + what + " " + String.join(",", values);
        return new Clause(description, sql, List.of((Object) values.toArray(String[]::new)), negated);
    }

    /** The district codes the rule names, to be checked against the registry. */
    public List<String> districts() {
        return clauses.stream().filter(c -> c.description().replaceFirst("^not ", "").startsWith("district "))
                .flatMap(c -> c.parameters().stream()).flatMap(p -> Arrays.stream((String[]) p)).toList();
    }

    public boolean hasAge() {
        return minAge.isPresent() || maxAge.isPresent();
    }

    /** The rule read back in words for the preview. */
    public String describe(LocalDate reference) {
        List<String> parts = new ArrayList<>();
        if (hasAge()) {
            String range = minAge.map(a -> maxAge.map(b -> a.equals(b) ? "aged " + a : "aged " + a + " to " + b)
                    .orElse("aged " + a + " or more")).orElseGet(() -> "aged " + maxAge.get() + " or less");
            parts.add(range + " on " + reference);
        }
        clauses.forEach(c -> parts.add(c.description()));
        return parts.isEmpty() ? "all" : String.join(" and ", parts);
    }
}
