package jp.ofuku.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated replies through every channel. The hard rule: no accepted reading differs from what
 * was marked. (The full-size run is `scripts/ofuku accuracy --pages 2000`.)
 */
class AccuracyTest {

    @TempDir
    Path work;

    @Test
    void noAcceptedReadingDiffersFromWhatWasMarkedOnScansPhonePhotosAndFaxes() throws Exception {
        Map<ScanKind, Accuracy.Tally> tallies = new Accuracy(7).run(40, Arrays.asList(ScanKind.values()), work);
        tallies.forEach((kind, t) -> System.out.println(kind + " " + t));
        assertThat(tallies).hasSize(4).allSatisfy((kind, t) -> {
            assertThat(t.silentErrors).as(kind + " silent errors").isZero();
            assertThat(t.emptyFalselyMarked).as(kind + " empty boxes read as marked").isZero();
            assertThat(t.identified).as(kind + " identified").isGreaterThanOrEqualTo(38);
            assertThat(t.accepted).as(kind + " accepted").isGreaterThanOrEqualTo(34);
        });
    }
}
