package jp.ofuku.invite;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses each resident's options: sessions at the sites nearest their district, spread over
 * different days, times of day and weekdays/weekends, never a session already offered to its
 * limit (capacity × the offer multiple). Deterministic: the same registry and offers give the
 * same choice; once stored, a resident's options never change.
 */
public final class OfferPlanner {

    /** How many open sessions, in date order, are weighed for each option: enough to spread, few enough to be fast. */
    static final int WINDOW_PER_OPTION = 40;

    private final int options;
    private final Map<String, List<Slot>> candidatesByDistrict = new HashMap<>();
    private final Map<Long, Integer> indexOf = new HashMap<>();
    private final int[] offered;
    private final int[] limit;

    /** A session that may be offered; {@code index} is its place in the planner's arrays. */
    public record Slot(long sessionId, String siteCode, String siteName, LocalDateTime start, LocalDateTime end,
            int capacity, int siteRank, int index, long day, int timeOfDay, boolean weekend) {

        Slot(long sessionId, String siteCode, String siteName, LocalDateTime start, LocalDateTime end, int capacity,
                int siteRank, int index) {
            this(sessionId, siteCode, siteName, start, end, capacity, siteRank, index, start.toLocalDate().toEpochDay(),
                    start.getHour() < 12 ? 0 : start.getHour() < 17 ? 1 : 2,
                    start.getDayOfWeek() == DayOfWeek.SATURDAY || start.getDayOfWeek() == DayOfWeek.SUNDAY);
        }
    }

    /** A site with its position. */
    public record Site(String code, String name, double lat, double lon) {
    }

    /** A session with its site. */
    public record Session(long id, String siteCode, LocalDateTime start, LocalDateTime end, int capacity) {
    }

    public OfferPlanner(int options, double offerMultiple, int nearestSites, Map<String, double[]> districts,
            List<Site> sites, List<Session> sessions, Map<Long, Integer> alreadyOffered) {
        this.options = options;
        this.offered = new int[sessions.size()];
        this.limit = new int[sessions.size()];
        for (int i = 0; i < sessions.size(); i++) {
            Session s = sessions.get(i);
            indexOf.put(s.id(), i);
            offered[i] = alreadyOffered.getOrDefault(s.id(), 0);
            limit[i] = (int) Math.floor(s.capacity() * offerMultiple);
        }
        Map<String, Site> siteByCode = new HashMap<>();
        sites.forEach(s -> siteByCode.put(s.code(), s));
        for (Map.Entry<String, double[]> district : districts.entrySet()) {
            double[] at = district.getValue();
            List<Site> nearest = sites.stream()
                    .sorted(Comparator.comparingDouble((Site s) -> distanceKm(at[0], at[1], s.lat(), s.lon()))
                            .thenComparing(Site::code))
                    .limit(nearestSites).toList();
            Map<String, Integer> rank = new HashMap<>();
            for (int i = 0; i < nearest.size(); i++) {
                rank.put(nearest.get(i).code(), i);
            }
            List<Slot> slots = sessions.stream().filter(s -> rank.containsKey(s.siteCode()))
                    .map(s -> new Slot(s.id(), s.siteCode(), siteByCode.get(s.siteCode()).name(), s.start(), s.end(),
                            s.capacity(), rank.get(s.siteCode()), indexOf.get(s.id())))
                    .sorted(Comparator.comparing(Slot::start).thenComparing(Slot::siteCode)).toList();
            candidatesByDistrict.put(district.getKey(), slots);
        }
    }

    /** The options for one resident, in date order; fewer than asked when sessions nearby are full. */
    public List<Slot> plan(String residentId, String district) {
        List<Slot> candidates = candidatesByDistrict.getOrDefault(district, List.of());
        List<Slot> chosen = new ArrayList<>();
        Set<Long> days = new HashSet<>();
        boolean[] picked = new boolean[candidates.size()];
        int[] timeOfDay = new int[3];
        int weekends = 0;
        long firstDay = candidates.isEmpty() ? 0 : candidates.get(0).day();
        int seed = residentId.hashCode();
        int window = WINDOW_PER_OPTION * options;
        while (chosen.size() < options) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            int weighed = 0;
            boolean weekendsFull = weekends * 3 >= chosen.size() + 1;
            boolean weekdaysFull = (chosen.size() - weekends) > 2 * weekends + 1;
            for (int c = 0; c < candidates.size() && weighed < window; c++) {
                Slot s = candidates.get(c);
                int i = s.index();
                if (picked[c] || offered[i] >= limit[i]) {
                    continue;
                }
                weighed++;
                double score = -3.0 * s.siteRank() - 4.0 * timeOfDay[s.timeOfDay()]
                        - 5.0 * offered[i] / Math.max(1, limit[i]) - 0.5 * (s.day() - firstDay) / 7.0
                        + jitter(seed, s.sessionId());
                if (days.contains(s.day())) {
                    score -= 100;
                }
                score -= s.weekend() && weekendsFull ? 3 : 0;
                score -= !s.weekend() && weekdaysFull ? 2 : 0;
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            if (best < 0) {
                break;
            }
            Slot s = candidates.get(best);
            picked[best] = true;
            chosen.add(s);
            days.add(s.day());
            timeOfDay[s.timeOfDay()]++;
            weekends += s.weekend() ? 1 : 0;
            offered[s.index()]++;
        }
        chosen.sort(Comparator.comparing(Slot::start).thenComparing(Slot::siteCode));
        return chosen;
    }

    /** A small, stable per-resident preference between equally good sessions, so load spreads. */
    private static double jitter(int seed, long sessionId) {
        long h = (seed * 0x9E3779B97F4A7C15L) ^ (sessionId * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 31;
        return (h & 0xFFFF) / 65535.0;
    }

    static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double r = 6371;
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * r * Math.asin(Math.sqrt(a));
    }

    public int offeredCount(long sessionId) {
        Integer i = indexOf.get(sessionId);
        return i == null ? 0 : offered[i];
    }

    public int limit(long sessionId) {
        Integer i = indexOf.get(sessionId);
        return i == null ? 0 : limit[i];
    }
}
