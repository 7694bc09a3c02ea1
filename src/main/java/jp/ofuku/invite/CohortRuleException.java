package jp.ofuku.invite;

/** A cohort rule that cannot be read, or that would select nobody, with what to write instead. */
public class CohortRuleException extends jp.ofuku.ops.Refusal {
    public CohortRuleException(String message) {
        super(message);
    }
}
