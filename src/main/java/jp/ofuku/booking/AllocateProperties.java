package jp.ofuku.booking;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How allocation chooses when places are short.
 *
 * @param priority who comes first once as many residents as possible are booked:
 *        {@code oldest-first} (then the earliest reply) or {@code received-first}
 * @param series vaccines given in a series, each with the days from one dose to the next: a
 *        booking of such a vaccine's dose d also books dose d + 1 at the same site, in the
 *        nearest session of that vaccine and dose with room at least that many days later
 */
@ConfigurationProperties("ofuku.allocate")
public record AllocateProperties(@DefaultValue("oldest-first") Priority priority,
        @DefaultValue java.util.Map<String, Integer> series) {

    public enum Priority { OLDEST_FIRST, RECEIVED_FIRST }
}
