package jp.ofuku.replies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import jp.ofuku.scan.BoxReading;
import jp.ofuku.scan.FormReading;

class PageVerdictTest {

    private static BoxReading box(String name, BoxReading.State state) {
        return new BoxReading(name, state == BoxReading.State.MARKED ? 0.3 : state == BoxReading.State.UNSURE ? 0.03 : 0,
                state, state == BoxReading.State.MARKED ? "in the box" : "");
    }

    /** A sealed form of 12 options with {@code marked} marked, {@code unsure} unsure, and the stray notes given. */
    private static FormReading reading(List<Integer> marked, List<Integer> unsure, List<String> stray) {
        List<BoxReading> options = new ArrayList<>();
        for (int k = 1; k <= 12; k++) {
            options.add(box(Integer.toString(k), marked.contains(k) ? BoxReading.State.MARKED
                    : unsure.contains(k) ? BoxReading.State.UNSURE : BoxReading.State.EMPTY));
        }
        List<BoxReading> needs = List.of(box("wheelchair", BoxReading.State.EMPTY), box("interpreter", BoxReading.State.EMPTY),
                box("large_print", BoxReading.State.EMPTY));
        return new FormReading(FormReading.Identification.SEALED_CODE, Optional.empty(),
                false, options, box("none", BoxReading.State.EMPTY), box("decline", BoxReading.State.EMPTY), needs, stray,
                Optional.empty(), Optional.empty(), List.of());
    }

    @Test
    void aPersonIsToldFirstWhatTheMachineCouldNotPlace() {
        String dots = "dots of ink in the box of option 6 (34): a line the fax kept only in part (light pencil?), so a lighter mark may"
                + " have been lost whole; if in doubt, ask the resident";
        assertThat(PageVerdict.marksReason(reading(List.of(6), List.of(), List.of()))).isNull();
        assertThat(PageVerdict.marksReason(reading(List.of(6), List.of(), List.of(dots)))).isEqualTo(dots);
        assertThat(PageVerdict.marksReason(reading(List.of(), List.of(), List.of(dots, "ink between rows 8 and 9 (4 % of the line)"))))
                .isEqualTo(dots + " (and 1 more in the notes)");
        assertThat(PageVerdict.marksReason(reading(List.of(6), List.of(3), List.of(dots))))
                .isEqualTo("some marks are neither clearly made nor clearly empty");
        assertThat(PageVerdict.marksReason(reading(List.of(), List.of(3), List.of())))
                .isEqualTo("some marks are neither clearly made nor clearly empty");
        assertThat(PageVerdict.marksReason(reading(List.of(), List.of(), List.of())))
                .startsWith("nothing is marked on the form");
    }
}
