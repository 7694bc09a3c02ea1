package jp.ofuku.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobScheduleTest {

    @Test
    void theShippedNightlyAndBackupFilesAreReadAndCrontabTimesGetTheirSeconds() throws Exception {
        List<JobSchedule.Entry> entries = JobSchedule.read(Path.of("jobs"));
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).satisfies(e -> {
            assertThat(e.job()).isEqualTo("backup");
            assertThat(e.cron()).isEqualTo("0 30 4 * * *");
            assertThat(e.enabled()).isTrue();
            assertThat(e.parameters()).isEqualTo(Map.of("to", "backups", "keep-daily", "7", "keep-weekly", "4"));
        });
        assertThat(entries.get(1)).satisfies(e -> {
            assertThat(e.job()).isEqualTo("nightly");
            assertThat(e.cron()).isEqualTo("0 0 3 * * *");
            assertThat(e.enabled()).isTrue();
            assertThat(e.parameters()).isEqualTo(Map.of("inbox", "inbox", "out", "out/print"));
        });
    }

    @Test
    void aFileThatCannotBeUnderstoodIsNamedWithWhatIsWrong(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("b.yaml");
        Files.writeString(file, "job: nightly\ncron: \"every night\"\n");
        assertThatThrownBy(() -> JobSchedule.read(dir)).hasMessageContaining("b.yaml").hasMessageContaining("'every night'");
        Files.writeString(file, "job: invite\ncron: \"0 3 * * *\"\n");
        assertThatThrownBy(() -> JobSchedule.read(dir)).hasMessageContaining("b.yaml").hasMessageContaining("invite");
        Files.writeString(file, "job: nightly\ncron: \"0 3 * * *\"\nparameters:\n  inbx: /srv/in\n");
        assertThatThrownBy(() -> JobSchedule.read(dir)).hasMessageContaining("unknown parameter inbx");
        Files.writeString(file, "job: backup\ncron: \"0 3 * * *\"\nparameters:\n  keep-daily: seven\n");
        assertThatThrownBy(() -> JobSchedule.read(dir)).hasMessageContaining("keep-daily must be a number");
        Files.writeString(file, "job: nightly\ncron: \"0 3 * * *\"\nenabled: maybe\n");
        assertThatThrownBy(() -> JobSchedule.read(dir)).hasMessageContaining("true or false");
        Files.writeString(file, "job: [nightly\n");
        assertThatThrownBy(() -> JobSchedule.read(dir)).hasMessageContaining("not valid YAML");
        Files.writeString(file, "job: allocate\ncron: \"30 12 * * 1-5\"\nenabled: false\n");
        assertThat(JobSchedule.read(dir)).singleElement().satisfies(e -> {
            assertThat(e.cron()).isEqualTo("0 30 12 * * 1-5");
            assertThat(e.enabled()).isFalse();
        });
    }
}
