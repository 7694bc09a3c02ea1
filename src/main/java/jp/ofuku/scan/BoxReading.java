package jp.ofuku.scan;

/**
 * How much ink a box holds beyond what was printed (its inside is printed blank), and what
 * that means: clearly marked, clearly empty, or between the two thresholds and so for a
 * person to look at.
 */
public record BoxReading(String box, double ink, State state, String how) {

    public enum State { MARKED, EMPTY, UNSURE }

    /** How a box blacked out over its edges is described: struck out, or a change of mind? */
    static final String SCRIBBLED = "scribbled over";
    /** How a box holding specks of ink that are not one line is described (a pencil mark a fax kept in part). */
    static final String BROKEN = "broken or faint strokes";

    static BoxReading of(String box, double ink, double marked, double empty) {
        State state = ink >= marked ? State.MARKED : ink <= empty ? State.EMPTY : State.UNSURE;
        return new BoxReading(box, ink, state, state == State.MARKED ? "in the box" : "");
    }

    BoxReading with(State state, String how) {
        return new BoxReading(box, ink, state, how);
    }
}
