package jp.ofuku.invite;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How invitations are planned.
 *
 * @param options options offered per letter
 * @param offerMultiple a session is offered to at most this many times its capacity, so that
 *        most replies can be honoured (not every resident replies, most mark several options)
 * @param nearestSites how many of the sites nearest a resident's district to offer
 * @param leadDays the first session offered is at least this many days after the letter
 *        (printing, post, the resident's reply, reading and confirming)
 * @param maxReferenceDrift days between the cohort's reference date and today beyond which a
 *        run stops unless forced
 */
@ConfigurationProperties("ofuku.invite")
public record InviteProperties(
        @DefaultValue("12") int options,
        @DefaultValue("3.0") double offerMultiple,
        @DefaultValue("3") int nearestSites,
        @DefaultValue("10") int leadDays,
        @DefaultValue("366") int maxReferenceDrift,
        @DefaultValue("out/print") String out) {
}
