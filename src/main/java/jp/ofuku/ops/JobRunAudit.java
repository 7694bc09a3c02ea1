package jp.ofuku.ops;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/** Every job run, whoever starts it, goes to the audit log when it starts and when it ends. */
@Component
public class JobRunAudit implements BeanPostProcessor {

    private final ObjectProvider<Audit> audit;

    /** Who started the runs of this process: the command line, or a console user or the scheduler while serving. */
    private static final ThreadLocal<String> ACTOR = new InheritableThreadLocal<>();

    public JobRunAudit(ObjectProvider<Audit> audit) {
        this.audit = audit;
    }

    /** Runs {@code work} with job runs it starts recorded as started by {@code actor}. */
    public static <T> T as(String actor, java.util.concurrent.Callable<T> work) throws Exception {
        String before = ACTOR.get();
        ACTOR.set(actor);
        try {
            return work.call();
        } finally {
            ACTOR.set(before);
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractJob job) {
            job.registerJobExecutionListener(new JobExecutionListener() {
                @Override
                public void beforeJob(JobExecution execution) {
                    audit.getObject().record(actor(), "job.start", execution.getJobInstance().getJobName() + " run " + execution.getId(),
                            null, execution.getJobParameters().parameters().stream().map(p -> p.name() + "=" + p.value())
                                    .sorted().collect(java.util.stream.Collectors.joining(", ")));
                }

                @Override
                public void afterJob(JobExecution execution) {
                    audit.getObject().record(actor(), "job.end", execution.getJobInstance().getJobName() + " run " + execution.getId(),
                            null, execution.getStatus() + (execution.getExitStatus().getExitDescription().isBlank() ? ""
                                    : ": " + execution.getExitStatus().getExitDescription().lines().findFirst().orElse("")));
                }
            });
        }
        return bean;
    }

    private static String actor() {
        String actor = ACTOR.get();
        return actor != null ? actor : Audit.commandLine();
    }
}
