package jp.ofuku.booking;

/** The counts an allocate run keeps in its execution context, by name (written by the step, read by commands and reports). */
public final class AllocateRun {

    private AllocateRun() {
    }

    /** Replies booked into a first dose this run. */
    public static final String BOOKED = "booked";
    /** Next doses booked with them. */
    public static final String NEXT_DOSE_BOOKED = "next_dose_booked";
    /** Replies none of whose marked sessions had room: new dates follow. */
    public static final String UNPLACED = "unplaced";
    /** Replies that asked for other dates only. */
    public static final String OTHER_DATES = "other_dates";
    /** Residents who said they do not wish to be vaccinated. */
    public static final String DECLINED = "declined";
    /** Replies sent to a person (a change of mind, a resident who left the registry). */
    public static final String REVIEW = "review";
    /** Next doses no session had room for. */
    public static final String NEXT_DOSE_UNPLACED = "next_dose_unplaced";
    /** Bookings cancelled before matching because the registry says the resident left. */
    public static final String BOOKINGS_CANCELLED_LEFT = "bookings_cancelled_left";
    /** How many a greedy first-come matching would have booked (for the benchmark's comparison). */
    public static final String GREEDY_WOULD_BOOK = "greedy_would_book";
    /** Milliseconds loading, matching and writing (for the benchmark). */
    public static final String LOAD_MS = "load_ms";
    public static final String MATCH_MS = "match_ms";
    public static final String WRITE_MS = "write_ms";
}
