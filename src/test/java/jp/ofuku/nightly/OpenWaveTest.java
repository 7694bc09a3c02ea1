package jp.ofuku.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import jp.ofuku.invite.CohortRuleException;
import jp.ofuku.invite.OpenWaves;
import jp.ofuku.ops.JobOutcome;
import jp.ofuku.registry.RegistryImport;
import jp.ofuku.registry.SyntheticRegistry;
import jp.ofuku.support.DatabaseTest;
import jp.ofuku.support.TestClock;

/** An open wave: each nightly invites the residents who newly match its rule that night, once each, until it is closed. */
class OpenWaveTest extends DatabaseTest {

    @Autowired
    RegistryImport registry;
    @Autowired
    OpenWaves waves;
    @Autowired
    Nightly nightly;

    @TempDir
    Path dir;
    final LocalDate today = TestClock.DAY;

    @BeforeEach
    void aTownWithAResidentTurning65Tomorrow() throws Exception {
        jdbc.execute("TRUNCATE batch_step_execution_context, batch_step_execution, batch_job_execution_context,"
                + " batch_job_execution_params, batch_job_execution, batch_job_instance");
        town(dir).residentRows("R1,佐藤　一郎,サトウ,," + today.minusYears(65) + ",299-0101,往復市緑町3丁目30-8,D01,ja,,active,",
                "R2,鈴木　花子,スズキ,," + today.minusYears(65).plusDays(1) + ",299-0102,往復市本町1丁目2-3,D02,ja,,active,",
                "R3,高橋　三郎,タカハシ,,1990-06-01,299-0103,往復市本町1丁目2-4,D02,ja,,active,");
        Files.createDirectories(dir.resolve("inbox"));
    }

    private void residents(String... rows) throws Exception {
        Files.writeString(dir.resolve("residents.csv"), String.join(",", SyntheticRegistry.RESIDENT_HEADER) + "\n"
                + String.join("\n", rows) + "\n");
    }

    private JobOutcome night(LocalDate date) throws Exception {
        JobOutcome o = nightly.run(date, dir.resolve("inbox"), dir.resolve("out-" + date));
        assertThat(o.completed()).as(o.failure()).isTrue();
        return o;
    }

    private List<String> invited() {
        return jdbc.queryForList("SELECT resident_id FROM invitations WHERE wave = 'over65' AND status = 'printed' ORDER BY resident_id",
                String.class);
    }

    @Test
    void eachNightInvitesWhoNewlyMatchesOnceEachUntilTheWaveIsClosed() throws Exception {
        assertThatThrownBy(() -> waves.open("over65", "age 65.. on 2027-04-01", "test")).isInstanceOf(CohortRuleException.class)
                .hasMessageContaining("leave 'on 2027-04-01' out");
        assertThat(waves.open("over65", "age 65..", "test:sato").letters()).as("tonight's preview").isEqualTo(1);

        JobOutcome first = night(today);
        assertThat(invited()).containsExactly("R1");
        assertThat(first.counts()).containsEntry("invite.printed", 1L).containsEntry("invite.jobs", 1L);
        assertThat(NightlySummary.lines(first)).anyMatch(l -> l.contains("invite") && l.contains("1 letters to residents newly in an open wave"));

        // R2 turns 65: invited the next night, R1 not again
        assertThat(night(today.plusDays(1)).counts()).containsEntry("invite.printed", 1L);
        assertThat(invited()).containsExactly("R1", "R2");
        assertThat(night(today.plusDays(2)).counts()).doesNotContainKey("invite.printed");

        // a resident moves in aged 70: invited by the next nightly
        residents("R4,田中　四郎,タナカ,," + today.minusYears(70) + ",299-0104,往復市本町1丁目2-5,D01,ja,,active,");
        assertThat(registry.run("residents", dir.resolve("residents.csv"), "auto", false).loaded()).isTrue();
        night(today.plusDays(3));
        assertThat(invited()).containsExactly("R1", "R2", "R4");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM invitations WHERE wave = 'over65'", Integer.class)).as("once each").isEqualTo(3);

        // closed: the nightly invites no more for it
        waves.close("over65", "test:sato");
        residents("R5,伊藤　五郎,イトウ,," + today.minusYears(80) + ",299-0105,往復市本町1丁目2-6,D01,ja,,active,");
        assertThat(registry.run("residents", dir.resolve("residents.csv"), "auto", false).loaded()).isTrue();
        JobOutcome closed = night(today.plusDays(4));
        assertThat(closed.counts()).containsEntry("invite.jobs", 0L);
        assertThat(NightlySummary.lines(closed)).noneMatch(l -> l.contains("newly in an open wave"));
        assertThat(invited()).containsExactly("R1", "R2", "R4");
        assertThatThrownBy(() -> waves.close("over65", "test")).isInstanceOf(CohortRuleException.class).hasMessageContaining("is not open");
        assertThat(waves.all()).singleElement().satisfies(w -> {
            assertThat(w.open()).isFalse();
            assertThat(w.invited()).isEqualTo(3);
        });
        assertThat(jdbc.queryForList("SELECT action FROM audit_log WHERE target = 'over65' ORDER BY audit_id", String.class))
                .containsExactly("wave.open", "wave.close");
    }
}
