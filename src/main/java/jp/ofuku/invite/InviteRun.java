package jp.ofuku.invite;

import java.nio.file.Path;
import java.time.LocalDate;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** The parameters and shared state of one invite run, as its steps see them. */
record InviteRun(long executionId, String wave, Cohort cohort, Path out, LocalDate letterDate, ExecutionContext context) {

    static final String WAVE = "wave";
    static final String COHORT = "cohort";
    static final String REFERENCE_DATE = "referenceDate";
    static final String LETTER_DATE = "letterDate";
    static final String OUT = "out";

    static final String PLANNED = "planned";
    static final String SHORT_OF_OPTIONS = "shortOfOptions";
    static final String NO_OPTIONS = "noOptions";
    static final String FILES = "files";
    static final String PAGES = "pages";
    static final String PRINTED = "printed";
    static final String EXCEPTIONS = "exceptions";
    static final String FOLDED = "folded";
    static final String FALLBACK_LANGUAGE = "fallbackLanguage";
    static final String REPORT = "report";

    static InviteRun of(ChunkContext chunk) {
        return of(chunk.getStepContext().getStepExecution());
    }

    static InviteRun of(org.springframework.batch.core.step.StepExecution step) {
        JobExecution job = step.getJobExecution();
        JobParameters p = job.getJobParameters();
        String wave = p.getString(WAVE);
        Cohort cohort = new Cohort(CohortRule.parse(p.getString(COHORT)), LocalDate.parse(p.getString(REFERENCE_DATE)), wave);
        return new InviteRun(job.getId(), wave, cohort, Path.of(p.getString(OUT)), LocalDate.parse(p.getString(LETTER_DATE)),
                job.getExecutionContext());
    }

    /** Not identifying a run: add what does. */
    static JobParametersBuilder parameters(String wave, String cohort, LocalDate referenceDate, LocalDate letterDate, Path out) {
        return new JobParametersBuilder()
                .addString(WAVE, wave)
                .addString(COHORT, cohort)
                .addString(REFERENCE_DATE, referenceDate.toString())
                .addString(LETTER_DATE, letterDate.toString(), false)
                .addString(OUT, out.toAbsolutePath().normalize().toString(), false);
    }

    long add(String key, long n) {
        long total = context.getLong(key, 0) + n;
        context.putLong(key, total);
        return total;
    }
}
