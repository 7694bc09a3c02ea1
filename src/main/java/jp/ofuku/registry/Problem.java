package jp.ofuku.registry;

/** Something wrong with one row: its line, the column concerned and why. Never quotes a name or address. */
public record Problem(long line, String column, String reason) {

    @Override
    public String toString() {
        return "line " + line + (column.isEmpty() ? "" : ", " + column) + ": " + reason;
    }
}
