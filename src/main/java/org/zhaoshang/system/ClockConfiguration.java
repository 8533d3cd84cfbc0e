package org.zhaoshang.system;

import java.time.Clock;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's notion of "now" follows Camunda's engine clock, so that tests which move the
 * engine clock (timers, due dates) see the same time in our own services.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    Clock clock() {
        return new EngineClock();
    }

    /** A {@link Clock} that reads Camunda's {@link ClockUtil}, which is the system clock unless a test sets it. */
    static final class EngineClock extends Clock {
        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneId.systemDefault();
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return Clock.fixed(instant(), zone);
        }

        @Override
        public java.time.Instant instant() {
            return ClockUtil.getCurrentTime().toInstant();
        }
    }
}
