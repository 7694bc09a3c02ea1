package jp.ofuku.ops;

/**
 * The one base type of refusals a user can act on: a run or a change that must not go ahead as
 * asked (already done, another under way, a rule that selects nobody, a full session). Its
 * message says what is wrong and what to do, and a command shows it once, alone, with the exit
 * status of {@link #exitCode()} (the README's table); the details of anything else go to the log.
 */
public class Refusal extends RuntimeException {

    /** Exit status of a refused command. */
    public static final int REFUSED = 1;

    public Refusal(String message) {
        super(message);
    }

    /** The command's exit status: {@link #REFUSED} unless the refusal is of another kind. */
    public int exitCode() {
        return REFUSED;
    }
}
