package jp.ofuku.booking;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How allocation chooses when places are short.
 *
 * @param priority who comes first once as many residents as possible are booked:
 *        {@code oldest-first} (then the earliest reply) or {@code received-first}
 */
@ConfigurationProperties("ofuku.allocate")
public record AllocateProperties(@DefaultValue("oldest-first") Priority priority) {

    public enum Priority { OLDEST_FIRST, RECEIVED_FIRST }
}
