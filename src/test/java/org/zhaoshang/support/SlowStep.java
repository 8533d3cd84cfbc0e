package org.zhaoshang.support;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A step that takes its time, for the fault tests that must kill a node while it is inside a job
 * ({@code NodeFaultsIT}). Only in application JVMs started with {@code --it.slow-step-millis=…}; never in the
 * shared test context or in the product.
 */
@Component("itSlowStep")
@ConditionalOnProperty("it.slow-step-millis")
public class SlowStep implements JavaDelegate {

    static final Logger log = LoggerFactory.getLogger(SlowStep.class);
    public static final String SLEEPING = "IT slow step sleeping";

    private final long millis;

    SlowStep(@Value("${it.slow-step-millis}") long millis) {
        this.millis = millis;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        if (millis > 0) {
            log.info("{} {} ms in {}", SLEEPING, millis, execution.getProcessInstanceId());
            Thread.sleep(millis);
        }
    }
}
