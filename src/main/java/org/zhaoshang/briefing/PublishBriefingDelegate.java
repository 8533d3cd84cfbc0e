package org.zhaoshang.briefing;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${publishBriefingDelegate}}: publishes the reviewed briefing and mails leaders and units. */
@Component
class PublishBriefingDelegate implements JavaDelegate {

    private final BriefingService service;

    PublishBriefingDelegate(BriefingService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.publish(((Number) execution.getVariable(BriefingProcess.BRIEFING_ID)).longValue(),
                (String) execution.getVariable("publishedComment"), (String) execution.getVariable("publishedBy"));
    }
}
