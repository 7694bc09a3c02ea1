package jp.ofuku.nightly;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the nightly run reads and writes.
 *
 * @param inbox the folder scans and faxes arrive in (read every night; files read before are recognised and skipped)
 * @param out   the folder print files go to: confirmations in OUT/confirm, new-dates letters in OUT/WAVE-new-dates
 */
@ConfigurationProperties("ofuku.nightly")
public record NightlyProperties(@DefaultValue("inbox") String inbox, @DefaultValue("out/print") String out) {
}
