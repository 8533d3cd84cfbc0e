package org.zhaoshang.system;

import java.time.ZoneId;
import java.util.TimeZone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Sets the JVM default time zone from {@code app.time-zone} (default Asia/Shanghai) before any bean
 * exists. Camunda stores due dates and timer dates as local timestamps in the JVM zone, and due dates
 * are local working days, so the zone must not depend on the host (containers usually run in UTC).
 */
public class TimeZoneEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String PROPERTY = "app.time-zone";
    static final String DEFAULT_ZONE = "Asia/Shanghai";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String zone = environment.getProperty(PROPERTY, DEFAULT_ZONE);
        // ZoneId.of fails loudly on a typo instead of silently falling back to GMT like TimeZone.getTimeZone.
        TimeZone.setDefault(TimeZone.getTimeZone(ZoneId.of(zone)));
    }
}
