package jp.ofuku.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import jp.ofuku.invite.Invitations;
import jp.ofuku.support.DatabaseTest;

/**
 * The print folder on a disk that fills up (a small file system of its own): the run fails in one
 * line naming the folder and what it was writing, leaves nothing half-written, and once space is
 * freed, restart prints every letter once.
 */
class DiskFullTest extends DatabaseTest {

    @Autowired
    Invitations invitations;
    @Autowired
    RunControl runs;

    @TempDir
    Path dir;
    Path small;

    /** A file system of {@code size} (tmpfs: the tests run as root, as scripts/test on this machine kind does). */
    private void mount(Path at, String size, boolean again) throws Exception {
        List<String> command = again ? List.of("mount", "-o", "remount,size=" + size, at.toString())
                : List.of("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s (the test needs root to mount a small file system)", command,
                new String(p.getInputStream().readAllBytes())).isZero();
    }

    @AfterEach
    void unmount() throws Exception {
        if (small != null) {
            new ProcessBuilder("umount", small.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void invitationsOntoAFullDiskFailInOneLineLeaveNothingHalfWrittenAndRestartPrintsEachOnce() throws Exception {
        int residents = 120;
        town(dir).seed(7).active("F", "住民　%d", "ジュウミン", residents);
        small = Files.createDirectories(dir.resolve("small"));
        mount(small, "256k", false);
        Path out = small.resolve("print");

        Invitations.Outcome first = invitations.run(invitations.cohort("w", "all"), out);
        assertThat(first.completed()).isFalse();
        assertThat(first.failure()).doesNotContain("\n").contains("is full").contains(small.toString()).contains(".pdf needed more than");
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("nothing half-written").noneMatch(n -> n.endsWith(".part"));
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM invitations WHERE status = 'printed'", Integer.class)).isZero();

        mount(small, "64m", true);
        JobOutcome carried = runs.restart(first.executionId());
        assertThat(carried.completed()).as(carried.failure()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM invitations WHERE status = 'printed'", Integer.class)).isEqualTo(residents);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT resident_id) FROM invitations", Integer.class)).isEqualTo(residents);
    }
}
