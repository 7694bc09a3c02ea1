package jp.ofuku;

import java.time.Clock;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import jp.ofuku.cli.OfukuCommand;

/** ofuku: vaccination invitations by post, replies read back, sessions booked. */
@SpringBootApplication
public class OfukuApplication {

    public static void main(String[] args) {
        System.exit(OfukuCommand.execute(args));
    }

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
