package org.zhaoshang.system;

import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link StartupStep}s (the models deployed, their completion rules checked, the standard groups and the
 * administrator, in the demo profile the demo district and its past year on first start, the shared Tasklist
 * filters) once all beans exist and before the web server starts accepting requests (Spring Boot's "started"
 * event comes only after that), so nobody can log in against a half-seeded identity store. One place, one order;
 * a failing step fails the start.
 */
@Component
class StartupSequence implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(StartupSequence.class);

    private final ObjectProvider<StartupStep> steps;

    StartupSequence(ObjectProvider<StartupStep> steps) {
        this.steps = steps;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<StartupStep> ordered = steps.orderedStream().sorted(Comparator.comparingInt(StartupStep::order)).toList();
        for (StartupStep step : ordered) {
            log.debug("Start-up step {} ({})", step.order(), step.getClass().getSimpleName());
            step.run();
        }
    }
}
