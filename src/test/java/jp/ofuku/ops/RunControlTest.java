package jp.ofuku.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import jp.ofuku.registry.RegistryImport;
import jp.ofuku.support.DatabaseTest;

/**
 * Run control: a failed import is carried on like any job (the import jobs are job beans), a
 * completed or unknown run is refused in one line, every start is a run of its own, and the
 * nightly's lock lets one holder at a time.
 */
class RunControlTest extends DatabaseTest {

    @Autowired
    RunControl runs;
    @Autowired
    RegistryImport registry;

    @TempDir
    Path dir;

    @Test
    void aFailedImportIsCarriedOnOnceItsFileIsMendedAndACompletedOneIsNot() throws Exception {
        Path districts = dir.resolve("districts.csv");
        Files.writeString(districts, "district,name,lat,lon\nD01,緑町,35.50,140.10\nD02,本町,35.51,bad\n");
        RegistryImport.ImportReport failed = registry.run("districts", districts, "auto", false);
        assertThat(failed.loaded()).isFalse();

        Files.writeString(districts, "district,name,lat,lon\nD01,緑町,35.50,140.10\nD02,本町,35.51,140.11\n");
        JobOutcome carried = runs.restart(failed.executionId());
        assertThat(carried.completed()).as(carried.failure()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM districts", Integer.class)).isEqualTo(2);
        assertThat(runs.reportOf(carried.executionId())).as("its report, in the reports folder")
                .hasValueSatisfying(html -> assertThat(html).exists().hasFileName("import-districts-run-" + carried.executionId() + ".html"));

        assertThatThrownBy(() -> runs.restart(carried.executionId())).isInstanceOf(RunRefusedException.class)
                .hasMessageContaining("completed; there is nothing to carry on");
        assertThatThrownBy(() -> runs.restart(failed.executionId())).isInstanceOf(RunRefusedException.class)
                .hasMessageContaining("was already carried on by run " + carried.executionId());
        assertThatThrownBy(() -> runs.restart(987_654_321L)).isInstanceOf(RunRefusedException.class)
                .hasMessageContaining("there is no job run 987654321");
        assertThatThrownBy(() -> runs.stop(carried.executionId())).isInstanceOf(RunRefusedException.class)
                .hasMessageContaining("is not running (COMPLETED)");

        // the same file imported again is a run of its own, not the completed one
        RegistryImport.ImportReport again = registry.run("districts", districts, "auto", false);
        assertThat(again.loaded()).isTrue();
        assertThat(again.executionId()).isNotEqualTo(carried.executionId());
    }

    @Test
    void theNightlysLockHasOneHolderAtATime() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return runs.exclusive("nightly", () -> {
                    held.countDown();
                    release.await(30, TimeUnit.SECONDS);
                    return "first";
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> runs.exclusive("nightly", () -> "second")).isInstanceOf(RunRefusedException.class)
                .hasMessageContaining("another nightly or a backup is running");
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(runs.exclusive("nightly", () -> "after")).as("free again").isEqualTo("after");
    }
}
