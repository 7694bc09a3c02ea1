package jp.ofuku.ops;

/** A run that must not start (already done, or another under way): its message says why and what to do. */
public class RunRefusedException extends Refusal {

    public RunRefusedException(String message) {
        super(message);
    }
}
