package jp.ofuku.booking;

import java.util.Arrays;

/**
 * Who goes where: residents (in priority order) each marked some sessions; sessions have places
 * left. Books as many residents as possible, and among the ways of doing that, favours
 * residents earlier in the order, and each resident's earlier sessions.
 *
 * <p>Residents are taken in order. Each goes to their earliest marked session with room; when
 * none has room, the matching looks for a chain of moves that makes room: someone already
 * placed moves to another session they marked, freeing a place (an augmenting path, searched
 * breadth first so chains stay short). A resident once placed is never unplaced, only moved
 * among the sessions they marked, so the first in the order are never pushed out by later ones,
 * and the result is a maximum matching. A search that fails marks every session it reached as
 * closed: none of them can ever reach a free place again, so later searches skip them and the
 * whole run stays close to linear in the number of marks.
 */
final class Matching {

    private final int[][] options;     // per resident, session indexes in the order preferred
    private final int[] room;           // per session, places left
    private final int[] placed;         // per resident, session index or -1
    private final int[][] holders;      // per session, residents placed there (first holderCount[s] entries)
    private final int[] holderCount;
    private final int[] holderSlot;     // per resident, their index in holders[placed[r]]
    private final boolean[] closed;
    private final int[] seenAt;         // per session, the search that last reached it
    private int search;
    private int placedCount;

    /** @param options per resident in priority order, the sessions marked, earliest first; @param room per session */
    Matching(int[][] options, int[] room) {
        this.options = options;
        this.room = room.clone();
        this.placed = new int[options.length];
        Arrays.fill(placed, -1);
        this.holders = new int[room.length][];
        this.holderCount = new int[room.length];
        this.holderSlot = new int[options.length];
        this.closed = new boolean[room.length];
        this.seenAt = new int[room.length];
        Arrays.fill(seenAt, -1);
    }

    /** Places everyone who can be placed; returns per resident the session index, or -1. */
    int[] run() {
        int[] queueSessions = new int[room.length];
        int[] fromResident = new int[room.length]; // the resident through whom a session was reached
        for (int r = 0; r < options.length; r++) {
            if (!direct(r)) {
                augment(r, queueSessions, fromResident);
            }
        }
        return placed.clone();
    }

    int placedCount() {
        return placedCount;
    }

    /** First-come greedy on the same data: each resident to their earliest session with room, no moves. */
    static int greedy(int[][] options, int[] room) {
        int[] left = room.clone();
        int booked = 0;
        for (int[] marked : options) {
            for (int s : marked) {
                if (left[s] > 0) {
                    left[s]--;
                    booked++;
                    break;
                }
            }
        }
        return booked;
    }

    private boolean direct(int r) {
        for (int s : options[r]) {
            if (room[s] > 0) {
                place(r, s);
                return true;
            }
        }
        return false;
    }

    private void place(int r, int s) {
        room[s]--;
        if (holders[s] == null) {
            holders[s] = new int[4];
        } else if (holderCount[s] == holders[s].length) {
            holders[s] = Arrays.copyOf(holders[s], holders[s].length * 2);
        }
        holderSlot[r] = holderCount[s];
        holders[s][holderCount[s]++] = r;
        placed[r] = s;
        placedCount++;
    }

    private void unplace(int r) {
        int s = placed[r];
        int slot = holderSlot[r];
        int last = holders[s][--holderCount[s]];
        holders[s][slot] = last;
        holderSlot[last] = slot;
        room[s]++;
        placed[r] = -1;
        placedCount--;
    }

    /**
     * Breadth-first search for a chain r → s1 (full) → holder h1 → s2 … → a session with room;
     * then every resident on the chain moves one step along it and r takes s1.
     */
    private void augment(int r, int[] queue, int[] fromResident) {
        search++;
        int head = 0;
        int tail = 0;
        for (int s : options[r]) {
            if (!closed[s] && seenAt[s] != search) {
                seenAt[s] = search;
                fromResident[s] = r;
                queue[tail++] = s;
            }
        }
        while (head < tail) {
            int s = queue[head++];
            for (int i = 0; i < holderCount[s]; i++) {
                int h = holders[s][i];
                for (int next : options[h]) {
                    if (closed[next] || seenAt[next] == search) {
                        continue;
                    }
                    seenAt[next] = search;
                    fromResident[next] = h;
                    if (room[next] > 0) {
                        shift(next, fromResident, r);
                        return;
                    }
                    queue[tail++] = next;
                }
            }
        }
        for (int i = 0; i < tail; i++) {
            closed[queue[i]] = true;
        }
    }

    /** Walks the chain back from the free session: each resident moves into the session found through them. */
    private void shift(int free, int[] fromResident, int start) {
        int s = free;
        while (true) {
            int who = fromResident[s];
            int previous = placed[who];
            if (previous >= 0) {
                unplace(who);
            }
            place(who, s);
            if (who == start) {
                return;
            }
            s = previous;
        }
    }
}
