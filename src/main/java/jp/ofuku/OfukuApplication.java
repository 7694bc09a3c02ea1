package jp.ofuku;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import jp.ofuku.cli.OfukuCommand;

/** ofuku: vaccination invitations by post, replies read back, sessions booked. */
@SpringBootApplication
public class OfukuApplication {

    public static void main(String[] args) {
        System.exit(OfukuCommand.execute(args));
    }

    /**
     * The one clock every date and time ofuku decides with is read from, in ofuku's zone
     * ({@code ofuku.zone}, Asia/Tokyo unless set), whatever the host's or the JVM's zone.
     */
    @Bean
    Clock clock(@Value("${ofuku.zone}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }
}
