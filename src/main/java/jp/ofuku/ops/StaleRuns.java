package jp.ofuku.ops;

import java.sql.Connection;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Finds job runs left "running" by a process that died and marks them FAILED, so that status
 * tells the truth and the work can be run again. Their scratch rows are removed.
 */
@Component
public class StaleRuns {

    private static final Logger log = LoggerFactory.getLogger(StaleRuns.class);
    static final String EXIT_MESSAGE = "abandoned: the process running it ended without finishing (killed or crashed)";

    /**
     * On a shared server a run is created a moment before its owner takes the lock that marks it
     * alive; a run is only judged abandoned once it is older than this ({@code ofuku.stale-grace},
     * 5 minutes unless set). The embedded database has one process at a time, so there every
     * unowned run created before this process started is abandoned, and none created since: a run
     * this process has just created and not yet taken the lock of is its own, not a dead one's.
     */
    private final java.time.Duration grace;

    /** When this process started, on the clock job runs are stamped with. */
    private static final LocalDateTime PROCESS_START = LocalDateTime.ofInstant(
            java.time.Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()),
            java.time.ZoneId.systemDefault());

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final List<StaleRunCleaner> cleaners;
    private final boolean exclusive;

    public StaleRuns(JdbcTemplate jdbc, DataSource dataSource, List<StaleRunCleaner> cleaners,
            jp.ofuku.database.DatabaseConfiguration.EmbeddedDatabaseHolder database,
            @org.springframework.beans.factory.annotation.Value("${ofuku.stale-grace:5m}") java.time.Duration grace) {
        this.grace = grace;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.cleaners = cleaners;
        this.exclusive = database.exclusive();
    }

    /** Marks every orphaned run failed; returns their execution ids. */
    public List<Long> sweep() {
        LocalDateTime youngest = exclusive ? PROCESS_START : LocalDateTime.now().minus(grace);
        List<Long> candidates = jdbc.queryForList(
                "SELECT job_execution_id FROM batch_job_execution WHERE status IN ('STARTING', 'STARTED', 'STOPPING') "
                        + "AND create_time <= ? ORDER BY job_execution_id", Long.class, youngest);
        List<Long> stale = new ArrayList<>();
        if (candidates.isEmpty()) {
            return stale;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        List<Long> heldPartitions = new ArrayList<>();
        try {
            for (long id : candidates) {
                if (Advisory.RUN.isFree(connection, id)) {
                    stale.add(id);
                    // a partition a worker JVM is still running is its worker's, not the dead manager's
                    for (long step : jdbc.queryForList("SELECT step_execution_id FROM batch_step_execution WHERE job_execution_id = ?"
                            + " AND status IN ('STARTING', 'STARTED', 'STOPPING')", Long.class, id)) {
                        if (!Advisory.PARTITION.isFree(connection, step)) {
                            heldPartitions.add(step);
                        }
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not check for abandoned job runs", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        for (long id : stale) {
            markFailed(id, heldPartitions);
            cleaners.forEach(c -> c.discard(id));
            log.warn("job execution {} was abandoned by a process that ended without finishing; marked FAILED", id);
        }
        return stale;
    }

    private void markFailed(long id, List<Long> heldPartitions) {
        LocalDateTime now = LocalDateTime.now();
        Long[] held = heldPartitions.toArray(Long[]::new);
        jdbc.update("""
                UPDATE batch_step_execution SET status = 'FAILED', exit_code = 'FAILED', exit_message = ?,
                       end_time = ?, last_updated = ?, version = version + 1
                WHERE job_execution_id = ? AND status IN ('STARTING', 'STARTED', 'STOPPING')
                  AND NOT step_execution_id = ANY (?)
                """, EXIT_MESSAGE, now, now, id, held);
        jdbc.update("""
                UPDATE batch_job_execution SET status = 'FAILED', exit_code = 'FAILED', exit_message = ?,
                       end_time = ?, last_updated = ?, version = version + 1
                WHERE job_execution_id = ?
                """, EXIT_MESSAGE, now, now, id);
    }

    /** Removes what an abandoned run left in scratch tables. */
    public interface StaleRunCleaner {
        void discard(long executionId);
    }
}
