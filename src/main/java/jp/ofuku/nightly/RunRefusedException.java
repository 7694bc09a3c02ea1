package jp.ofuku.nightly;

/** A run that must not start (already done, or another under way): its message says why and what to do. */
public class RunRefusedException extends jp.ofuku.ops.Refusal {

    RunRefusedException(String message) {
        super(message);
    }
}
