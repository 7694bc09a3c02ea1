package jp.ofuku.support;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The one clock of a test's context: fixed at a stated moment in ofuku's zone, so a test means the
 * same on any day it runs; a test that is about dates sets the day it needs. Every product bean
 * reads the time through the injected {@link Clock}, so this is the time they all see.
 */
public final class TestClock extends Clock {

    /** The zone ofuku decides in unless configured (ofuku.zone). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

    /** The day every test starts on: a Thursday, with a weekend and a month's end ahead. */
    public static final LocalDate DAY = LocalDate.of(2026, 12, 3);

    private volatile Instant instant;

    TestClock() {
        reset();
    }

    /** Back to {@link #DAY} at 10:00 in ofuku's zone. */
    public void reset() {
        on(DAY);
    }

    /** The clock at 10:00 on {@code day}, in ofuku's zone. */
    public void on(LocalDate day) {
        instant = day.atTime(LocalTime.of(10, 0)).atZone(ZONE).toInstant();
    }

    /** Today, by this clock. */
    public LocalDate today() {
        return LocalDate.ofInstant(instant, ZONE);
    }

    @Override
    public ZoneId getZone() {
        return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant, zone);
    }

    @Override
    public Instant instant() {
        return instant;
    }

    /** Puts the test clock in the context in place of the system's. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
