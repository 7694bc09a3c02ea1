package jp.ofuku.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated replies through every channel. The hard rule: no accepted reading differs from what
 * was marked. These are samples, of a size CI can afford each time (600 pages, about three
 * minutes on two cores); the full-size run, whose figures docs/benchmarks.md records, is
 * `scripts/ofuku accuracy --pages 2000`.
 */
class AccuracyTest {

    @TempDir
    Path work;

    @Test
    void noAcceptedReadingDiffersFromWhatWasMarkedOnScansPhonePhotosAndFaxes() throws Exception {
        int pages = 100;
        Map<ScanKind, Accuracy.Tally> tallies = new Accuracy(7).run(pages, Arrays.asList(ScanKind.values()), work);
        tallies.forEach((kind, t) -> System.out.println(kind + " " + t));
        assertThat(tallies).hasSize(4).allSatisfy((kind, t) -> {
            assertThat(t.pages).isEqualTo(pages);
            assertThat(t.silentErrors).as(kind + " silent errors").isZero();
            assertThat(t.emptyFalselyMarked).as(kind + " empty boxes read as marked").isZero();
            assertThat(t.identified * 1000).as(kind + " identified ≥ 99.9 %").isGreaterThanOrEqualTo(999 * pages);
            // a page whose sealed code is unreadable (one in 25 here is stained) goes to a person whatever its marks
            int acceptedShare = kind == ScanKind.FAX_STANDARD ? 95 : 98;
            assertThat(t.accepted * 100).as(kind + " accepted ≥ " + acceptedShare + " % of the pages whose seal was read")
                    .isGreaterThanOrEqualTo(acceptedShare * (pages - t.digitsOnly));
            assertThat(t.reviewReasons).as(kind + " review reasons").containsEntry("printed digits only", t.digitsOnly);
            assertThat(t.circlesRead).as(kind + " circles round rows read").isPositive();
        });
        assertThat(tallies.values().stream().mapToInt(t -> t.digitsOnly).sum()).as("pages known by printed digits only").isPositive();
    }

    @Test
    void marksDrawnApartFromTheReaderAreReadWithoutASilentError() throws Exception {
        int pages = 50;
        Map<ScanKind, Accuracy.Tally> tallies = new Accuracy(11).run(Accuracy.Generator.HAND, pages,
                Arrays.asList(ScanKind.values()), work);
        tallies.forEach((kind, t) -> System.out.println("hand " + kind + " " + t + " by type "
                + t.byType.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()[1] + "/" + e.getValue()[0]).toList()));
        assertThat(tallies).hasSize(4).allSatisfy((kind, t) -> {
            assertThat(t.silentErrors).as(kind + " silent errors").isZero();
            assertThat(t.emptyFalselyMarked).as(kind + " empty boxes read as marked").isZero();
            assertThat(t.identified).as(kind + " identified").isEqualTo(pages);
            // the full run (scripts/ofuku accuracy --pages 2000) holds the figures; 50 forms are a sample
            assertThat(t.accepted * 100).as(kind + " accepted ≥ 90 % of the pages whose seal was read")
                    .isGreaterThanOrEqualTo(90 * (pages - t.digitsOnly));
            assertThat(t.byType.keySet()).as(kind + " mark types").contains("tick", "cross", "fill", "circle");
        });
    }
}
