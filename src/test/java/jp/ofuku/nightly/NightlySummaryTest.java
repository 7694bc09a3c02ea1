package jp.ofuku.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.ofuku.ops.JobOutcome;

class NightlySummaryTest {

    @Test
    void heldLettersAndResidentsWithoutDatesAreInTheSummaryWithWhatToDo() {
        JobOutcome night = new JobOutcome(7, true, "", Map.of("confirm.letters", 40L, "confirm.files", 1L, "confirm.held", 2L,
                "new-dates.printed", 3L, "new-dates.files", 1L, "new-dates.exceptions", 1L, "new-dates.noOptions", 4L));
        List<String> lines = NightlySummary.lines(night);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("40 confirmation letters").contains("HELD (not printed): 2"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("HELD (not printed): 1")
                .contains("NOT WRITTEN TO (no session with room near them): 4"));
        assertThat(lines.get(lines.size() - 1)).startsWith("Next: ").contains("3 letter(s) were held")
                .contains("letters release --all").contains("import more sessions");
    }

    @Test
    void aQuietNightSaysSo() {
        assertThat(NightlySummary.lines(new JobOutcome(8, true, "", Map.of())))
                .last().isEqualTo("Next: nothing to do until tomorrow's run.");
    }
}
