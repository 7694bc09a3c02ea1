package jp.ofuku.booking;

import java.time.Clock;
import java.io.Writer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

import jp.ofuku.database.LocalNow;
import jp.ofuku.database.CopyText;

/**
 * The allocation's reads and writes: the replies still undecided with the sessions they marked,
 * the room left, the bookings and decisions written (COPY, or one by one when another booker
 * took a place meanwhile), the next doses. All in the caller's transaction.
 */
@Repository
class AllocationStore {

    private static final Logger log = LoggerFactory.getLogger(AllocationStore.class);

    /** An accepted reply (aliased r) that allocation has not decided: no booking made from it, no outcome recorded. */
    private static final String UNDECIDED = "r.status = 'accepted'"
            + " AND NOT EXISTS (SELECT 1 FROM allocations a WHERE a.reply_id = r.reply_id)"
            + " AND NOT EXISTS (SELECT 1 FROM bookings bk WHERE bk.reply_id = r.reply_id)"
            // a reply whose booking was cancelled was decided: it is never booked again by itself
            + " AND NOT EXISTS (SELECT 1 FROM cancelled_bookings cb WHERE cb.reply_id = r.reply_id)";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final DataSource dataSource;
    private final AllocateProperties properties;

    AllocationStore(JdbcTemplate jdbc, DataSource dataSource, AllocateProperties properties, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.properties = properties;
    }

    /** Makes a booked reply undecided again ('unplaced'): the next invite or nightly run writes to the resident with new dates. */
    void offerNewDates(long reply) {
        jdbc.update("""
                INSERT INTO allocations (reply_id, outcome) VALUES (?, 'unplaced')
                ON CONFLICT (reply_id) DO UPDATE SET outcome = 'unplaced', decided_at = now()""", reply);
    }

    /** An accepted reply waiting for a decision. */
    record Pending(long replyId, String wave, String residentId, String formCode, int[] sessions, boolean otherDates) {
    }

    /** Records the undecided replies that decline (and the resident's decline); returns how many. */
    int recordDeclines(long executionId) {
        return jdbc.update("""
                WITH pending AS (
                    SELECT r.reply_id, r.form_code, i.wave, i.resident_id
                    FROM replies r JOIN invitations i ON i.form_code = r.form_code
                    WHERE {undecided} AND 'decline' = ANY (r.extra)),
                recorded AS (
                    INSERT INTO declines (wave, resident_id, form_code, reply_id)
                    SELECT wave, resident_id, form_code, reply_id FROM pending ON CONFLICT DO NOTHING)
                INSERT INTO allocations (reply_id, outcome, job_execution_id) SELECT reply_id, 'declined', ? FROM pending""".replace("{undecided}", UNDECIDED),
                executionId);
    }

    /** Records the undecided replies that mark no date and ask for other dates only; returns how many. */
    int recordOtherDatesOnly(long executionId) {
        return jdbc.update("""
                INSERT INTO allocations (reply_id, outcome, job_execution_id)
                SELECT r.reply_id, 'other_dates', ? FROM replies r
                WHERE {undecided} AND cardinality(r.marked_options) = 0 AND 'other_dates' = ANY (r.extra)""".replace("{undecided}", UNDECIDED),
                executionId);
    }

    /**
     * Sends the undecided replies that {@code join} and {@code condition} select to review, with
     * {@code reason}, and records them as decided; returns how many.
     */
    /** Replies from residents the registry says died or moved away: to a person, not booked. */
    int residentsWhoLeftToReview(long executionId) {
        return toReview("JOIN invitations i ON i.form_code = r.form_code JOIN residents p ON p.resident_id = i.resident_id",
                "p.status <> 'active'", "a reply from a resident the registry says has died or moved away: not booked; check"
                        + " with the registry or the family before doing anything", executionId);
    }

    /** Replies on a form that a new-dates letter replaced. */
    int replacedFormsToReview(long executionId) {
        return toReview("", "EXISTS (SELECT 1 FROM invitations n WHERE n.replaces = r.form_code)",
                "a reply on a form that new dates replaced: book by hand from the dates marked, or wait for the new form", executionId);
    }

    /** Replies from residents already booked in the wave (a change of mind). */
    int alreadyBookedToReview(long executionId) {
        return toReview("JOIN invitations i ON i.form_code = r.form_code",
                Bookings.INVITATION_BOOKED,
                "a reply from a resident who is already booked (a change of mind?): change or keep the booking by hand", executionId);
    }

    private int toReview(String join, String condition, String reason, long executionId) {
        return jdbc.update("""
                WITH pending AS (
                    SELECT r.reply_id, r.source_sha256, r.source_page, r.form_code FROM replies r %s
                    WHERE %s AND %s),
                items AS (
                    INSERT INTO review_items (sha256, page, reason, guess_form_code)
                    SELECT source_sha256, source_page, ?, form_code FROM pending
                    ON CONFLICT (sha256, page) DO NOTHING)
                INSERT INTO allocations (reply_id, outcome, job_execution_id) SELECT reply_id, 'review', ? FROM pending"""
                .formatted(join, UNDECIDED, condition), reason, executionId);
    }

    /**
     * For each booking this run made of a vaccine given in a series, books the next dose at the
     * same site: the nearest session of that vaccine and the next dose, at least the configured
     * interval later, with room. A dose booked here may need a next one in turn.
     */
    /** Next doses booked, and those no session had room for. */
    record NextDoses(long booked, long unplaced) {
    }

    NextDoses nextDoses(long executionId) throws java.sql.SQLException {
        if (properties.series().isEmpty()) {
            return new NextDoses(0, 0);
        }
        long booked = 0;
        long unplaced = 0;
        java.util.Set<String> tried = new java.util.HashSet<>();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        for (int depth = 0; depth < 10; depth++) {
            List<Due> due = jdbc.query(con -> {
                var ps = con.prepareStatement("""
                        SELECT b.wave, b.resident_id, b.form_code, b.reply_id, s.site_code, s.vaccine, s.dose, s.starts_at
                        FROM bookings b JOIN sessions s ON s.session_id = b.session_id
                        WHERE b.job_execution_id = ? AND s.vaccine = ANY (?)
                          AND NOT EXISTS (SELECT 1 FROM bookings n WHERE n.wave = b.wave AND n.resident_id = b.resident_id
                                          AND n.dose = s.dose + 1)
                        ORDER BY b.booking_id""");
                ps.setLong(1, executionId);
                ps.setArray(2, con.createArrayOf("text", properties.series().keySet().toArray()));
                return ps;
            }, (rs, i) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, Long.class), rs.getString(5),
                    rs.getString(6), rs.getInt(7), rs.getTimestamp(8)));
            due.removeIf(d -> tried.contains(d.key()));
            if (due.isEmpty()) {
                break;
            }
            for (Due d : due) {
                tried.add(d.key());
                boolean done = false;
                for (int attempt = 0; attempt < 3 && !done; attempt++) {
                    Savepoint one = connection.setSavepoint();
                    try (var ps = connection.prepareStatement("""
                            INSERT INTO bookings (wave, resident_id, form_code, session_id, dose, reply_id, booked_by, job_execution_id)
                            SELECT ?, ?, ?, s.session_id, s.dose, ?, 'allocate', ? FROM sessions s
                            WHERE s.site_code = ? AND s.vaccine = ? AND s.dose = ? AND s.starts_at >= CAST(? AS timestamp) + make_interval(days => CAST(? AS integer))
                              AND s.booked < s.capacity AND s.cancelled_at IS NULL
                            ORDER BY s.starts_at, s.session_id LIMIT 1
                            ON CONFLICT (wave, resident_id, dose) DO NOTHING""")) {
                        ps.setString(1, d.wave());
                        ps.setString(2, d.residentId());
                        ps.setString(3, d.formCode());
                        ps.setObject(4, d.replyId());
                        ps.setLong(5, executionId);
                        ps.setString(6, d.siteCode());
                        ps.setString(7, d.vaccine());
                        ps.setInt(8, d.dose() + 1);
                        ps.setTimestamp(9, d.startsAt());
                        ps.setInt(10, properties.series().get(d.vaccine()));
                        int n = ps.executeUpdate();
                        connection.releaseSavepoint(one);
                        done = true;
                        if (n == 1) {
                            booked++;
                        } else {
                            unplaced++;
                        }
                    } catch (java.sql.SQLException e) {
                        connection.rollback(one);
                        if (!placeTaken(e)) {
                            throw e;
                        }
                        // the place went to another booker meanwhile: try the next session
                    }
                }
                if (!done) {
                    unplaced++;
                }
            }
        }
        return new NextDoses(booked, unplaced);
    }

    /**
     * Accepted replies still undecided, in the order of priority, each with its marked sessions
     * still ahead, earliest first: the replies, then their sessions, as two plain COPY streams
     * joined here.
     */
    List<Pending> load() throws java.sql.SQLException {
        String order = switch (properties.priority()) {
            case OLDEST_FIRST -> "res.birth_date, r.received_at, r.reply_id";
            case RECEIVED_FIRST -> "r.received_at, r.reply_id";
        };
        String marked = UNDECIDED + " AND cardinality(r.marked_options) > 0";
        jdbc.execute("SET LOCAL work_mem = '256MB'"); // sorted in memory
        Connection connection = DataSourceUtils.getConnection(dataSource);
        List<Pending> pending = new ArrayList<>();
        Map<Long, Integer> byReply = new HashMap<>();
        CopyText.read(connection, "SELECT r.reply_id, i.wave, i.resident_id, r.form_code, 'other_dates' = ANY (r.extra)"
                + " FROM replies r JOIN invitations i ON i.form_code = r.form_code JOIN residents res ON res.resident_id = i.resident_id"
                + " WHERE " + marked + " ORDER BY " + order, row -> {
                    long reply = row.number(0);
                    byReply.put(reply, pending.size());
                    pending.add(new Pending(reply, row.text(1), row.text(2), row.text(3), new int[0], row.flag(4)));
                });
        int[][] sessions = new int[pending.size()][];
        int[] count = new int[pending.size()];
        CopyText.read(connection, "SELECT r.reply_id, s.session_id FROM replies r"
                + " JOIN offers o ON o.form_code = r.form_code AND o.option_no = ANY (r.marked_options)"
                + " JOIN sessions s ON s.session_id = o.session_id AND s.starts_at > " + LocalNow.sql(clock) + " AND s.cancelled_at IS NULL"
                + " WHERE " + marked + " ORDER BY s.starts_at, s.session_id", row -> {
                    Integer at = byReply.get(row.number(0));
                    if (at == null) {
                        return; // decided meanwhile by another booker: not in the first list
                    }
                    int[] list = sessions[at];
                    if (list == null) {
                        list = sessions[at] = new int[4];
                    } else if (count[at] == list.length) {
                        list = sessions[at] = java.util.Arrays.copyOf(list, list.length * 2);
                    }
                    list[count[at]++] = Math.toIntExact(row.number(1));
                });
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            int[] ahead = sessions[i] == null ? new int[0] : java.util.Arrays.copyOf(sessions[i], count[i]);
            pending.set(i, new Pending(p.replyId(), p.wave(), p.residentId(), p.formCode(), ahead, p.otherDates()));
        }
        return pending;
    }

    int[] room(List<Long> sessionIds) {
        int[] room = new int[sessionIds.size()];
        Map<Long, Integer> free = new HashMap<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT session_id, CASE WHEN cancelled_at IS NULL THEN capacity - booked ELSE 0 END FROM sessions"
                    + " WHERE session_id = ANY (?)");
            Array array = con.createArrayOf("bigint", sessionIds.toArray());
            ps.setArray(1, array);
            return ps;
        }, rs -> {
            free.put(rs.getLong(1), rs.getInt(2));
        });
        for (int i = 0; i < room.length; i++) {
            room[i] = Math.max(0, free.getOrDefault(sessionIds.get(i), 0));
        }
        return room;
    }

    /**
     * Writes the bookings and the decisions by COPY; if the database refuses (a place taken by
     * another booker, a resident booked meanwhile), writes them one by one and returns those
     * refused, still undecided, unless this is the last round (then they are unplaced).
     */
    List<Pending> write(List<Pending> pending, int[] placed, List<Long> sessionIds, long executionId, boolean last)
            throws Exception {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Savepoint before = connection.setSavepoint();
        try {
            // in the order of the one-booking-per-dose index, whose pages are then each visited once
            Integer[] booked = java.util.stream.IntStream.range(0, placed.length).filter(r -> placed[r] >= 0).boxed()
                    .toArray(Integer[]::new);
            java.util.Arrays.sort(booked, java.util.Comparator.comparing((Integer r) -> pending.get(r).wave())
                    .thenComparing(r -> pending.get(r).residentId()));
            try (Writer out = CopyText.writer(connection,
                    "COPY bookings (wave, resident_id, form_code, session_id, dose, reply_id, booked_by, job_execution_id) FROM STDIN")) {
                for (int r : booked) {
                    Pending p = pending.get(r);
                    CopyText.writeField(out, p.wave());
                    out.write('\t');
                    CopyText.writeField(out, p.residentId());
                    out.write('\t');
                    CopyText.writeField(out, p.formCode());
                    out.write("\t" + sessionIds.get(placed[r]) + "\t1\t" + p.replyId() + "\tallocate\t" + executionId + "\n");
                }
            }
            // a booked reply is decided by its booking; only the others need a row saying what became of them
            try (Writer out = CopyText.writer(connection, "COPY allocations (reply_id, outcome, job_execution_id) FROM STDIN")) {
                for (int r = 0; r < placed.length; r++) {
                    if (placed[r] < 0) {
                        out.write(pending.get(r).replyId() + "\tunplaced\t" + executionId + "\n");
                    }
                }
            }
            connection.releaseSavepoint(before);
            return List.of();
        } catch (java.sql.SQLException | java.io.IOException e) {
            // COPY reports the server's refusal when it ends, as an IOException around the SQLException
            connection.rollback(before);
            String state = sqlState(e);
            if (!PLACE_TAKEN.equals(state) && !BOOKED_MEANWHILE.equals(state)) {
                throw e;
            }
            log.info("allocate: the bookings could not be written at once ({}); writing them one by one", e.getMessage());
        }
        List<Pending> refused = new ArrayList<>();
        for (int r = 0; r < placed.length; r++) {
            Pending p = pending.get(r);
            String outcome = "unplaced";
            if (placed[r] >= 0) {
                Savepoint one = connection.setSavepoint();
                try (var ps = connection.prepareStatement("""
                        INSERT INTO bookings (wave, resident_id, form_code, session_id, dose, reply_id, booked_by, job_execution_id)
                        VALUES (?, ?, ?, ?, 1, ?, 'allocate', ?) ON CONFLICT (wave, resident_id, dose) DO NOTHING""")) {
                    ps.setString(1, p.wave());
                    ps.setString(2, p.residentId());
                    ps.setString(3, p.formCode());
                    ps.setLong(4, sessionIds.get(placed[r]));
                    ps.setLong(5, p.replyId());
                    ps.setLong(6, executionId);
                    outcome = ps.executeUpdate() == 1 ? "booked" : "review";
                    connection.releaseSavepoint(one);
                } catch (java.sql.SQLException e) {
                    connection.rollback(one);
                    if (!placeTaken(e)) {
                        throw e;
                    }
                    if (!last) {
                        refused.add(p);
                        continue;
                    }
                }
            }
            try (var ps = connection.prepareStatement("INSERT INTO allocations (reply_id, outcome, job_execution_id) VALUES (?, ?, ?)")) {
                ps.setLong(1, p.replyId());
                ps.setString(2, outcome);
                ps.setLong(3, executionId);
                ps.executeUpdate();
            }
        }
        return refused;
    }

    /** A first dose booked this run that may need its next dose: whose, where, which vaccine and dose, when. */
    private record Due(String wave, String residentId, String formCode, Long replyId, String siteCode, String vaccine, int dose,
            java.sql.Timestamp startsAt) {
        String key() {
            return residentId + "/" + dose;
        }
    }

    /** The CHECK on a session's count refused the booking: its last place went to another booker meanwhile. */
    private static final String PLACE_TAKEN = "23514";
    /** The one-booking-per-dose key refused it: the resident was booked meanwhile (by hand, by another allocation). */
    private static final String BOOKED_MEANWHILE = "23505";

    private static boolean placeTaken(java.sql.SQLException e) {
        return PLACE_TAKEN.equals(e.getSQLState());
    }

    /** The SQL state of the first SQLException in the chain, or null. */
    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
