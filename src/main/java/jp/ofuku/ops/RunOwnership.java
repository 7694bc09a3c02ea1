package jp.ofuku.ops;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Marks a job execution as owned by a live process: a PostgreSQL advisory lock held on its own
 * connection for as long as the run lasts. When the process dies (kill -9, power cut) the
 * server drops the connection and the lock with it, which is how a later command knows the
 * run is stale and not merely slow.
 */
@Component
public class RunOwnership implements JobExecutionListener {

    private final DataSource dataSource;
    private final Map<Long, Connection> held = new ConcurrentHashMap<>();

    public RunOwnership(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            Advisory.RUN.lock(connection, execution.getId());
            held.put(execution.getId(), connection);
        } catch (SQLException e) {
            throw new IllegalStateException("could not take ownership of job execution " + execution.getId(), e);
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        Connection connection = held.remove(execution.getId());
        if (connection == null) {
            return;
        }
        try (connection) {
            Advisory.RUN.unlock(connection, execution.getId());
        } catch (SQLException e) {
            // closing the connection releases the lock as well
        }
    }

    /** The runs this process is running now. */
    public java.util.Set<Long> running() {
        return java.util.Set.copyOf(held.keySet());
    }
}
