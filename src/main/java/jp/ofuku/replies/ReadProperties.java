package jp.ofuku.replies;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where received files go once read.
 *
 * @param archive read files, by day of receipt, under their hash and original name
 * @param quarantine files that could not be decoded, each with a .reason.txt beside it
 * @param blankInk a page with a smaller share of dark pixels is blank (a fax separator, the back of a sheet);
 *        one line of typed text is about ten times as much
 * @param pageTimeLimit a file on which nothing comes forward for this long (no page decoded or
 *        read) is set aside as unreadable: a scan's page takes well under a second
 */
@ConfigurationProperties("ofuku.read")
public record ReadProperties(
        @DefaultValue("data/archive") String archive,
        @DefaultValue("data/quarantine") String quarantine,
        @DefaultValue("0.0003") double blankInk,
        @DefaultValue("60s") Duration pageTimeLimit) {
}
