package jp.ofuku.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class MatchingTest {

    @Test
    void booksMoreResidentsThanFirstComeGreedyByMovingSomeoneToAnotherSessionTheyMarked() {
        // first come: resident 0 takes session 0 (their earliest), so resident 1, who could only come to 0, is left
        // out, and resident 2 takes 1, leaving resident 3 (only 1) out as well
        int[][] options = {{0, 1, 2}, {0}, {1, 2}, {1}};
        int[] room = {1, 1, 1};
        assertThat(Matching.greedy(options, room)).isEqualTo(2);
        Matching m = new Matching(options, room);
        int[] placed = m.run();
        assertThat(m.placedCount()).isEqualTo(3);
        assertThat(placed[1]).isZero();
        assertThat(placed[0]).as("resident 0 moved to another session they marked").isIn(1, 2);
    }

    @Test
    void theFirstInOrderAreNeverLeftOutForLaterOnes() {
        int[][] options = {{0}, {0}};
        int[] placed = new Matching(options, new int[] {1}).run();
        assertThat(placed).containsExactly(0, -1);
    }

    @Test
    void neverExceedsRoomAndBooksAsManyAsAMaximumFlowOnRandomCases() {
        SplittableRandom random = new SplittableRandom(5);
        for (int t = 0; t < 300; t++) {
            int residents = 1 + random.nextInt(40);
            int sessions = 1 + random.nextInt(10);
            int[][] options = new int[residents][];
            for (int r = 0; r < residents; r++) {
                options[r] = random.ints(1 + random.nextInt(4), 0, sessions).distinct().toArray();
            }
            int[] room = random.ints(sessions, 0, 4).toArray();
            Matching m = new Matching(options, room);
            int[] placed = m.run();
            int[] used = new int[sessions];
            for (int r = 0; r < residents; r++) {
                if (placed[r] >= 0) {
                    used[placed[r]]++;
                    assertThat(options[r]).contains(placed[r]);
                }
            }
            for (int s = 0; s < sessions; s++) {
                assertThat(used[s]).isLessThanOrEqualTo(room[s]);
            }
            assertThat(m.placedCount()).isEqualTo(maxFlow(options, room));
            assertThat(m.placedCount()).isGreaterThanOrEqualTo(Matching.greedy(options, room));
        }
    }

    /** Textbook Kuhn's algorithm on sessions split into one slot per place, for checking. */
    private static int maxFlow(int[][] options, int[] room) {
        int slots = java.util.Arrays.stream(room).sum();
        int[] firstSlot = new int[room.length];
        for (int s = 1; s < room.length; s++) {
            firstSlot[s] = firstSlot[s - 1] + room[s - 1];
        }
        int[] owner = new int[slots];
        java.util.Arrays.fill(owner, -1);
        int flow = 0;
        for (int r = 0; r < options.length; r++) {
            if (kuhn(r, options, room, firstSlot, owner, new boolean[slots])) {
                flow++;
            }
        }
        return flow;
    }

    private static boolean kuhn(int r, int[][] options, int[] room, int[] firstSlot, int[] owner, boolean[] seen) {
        for (int s : options[r]) {
            for (int k = firstSlot[s]; k < firstSlot[s] + room[s]; k++) {
                if (!seen[k]) {
                    seen[k] = true;
                    if (owner[k] < 0 || kuhn(owner[k], options, room, firstSlot, owner, seen)) {
                        owner[k] = r;
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
