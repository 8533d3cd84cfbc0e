package org.zhaoshang.chain;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 开启各产业链月度研判: last month's review of every chain with a lead department, unless open already. */
@Component
class OpenChainReviewsDelegate implements JavaDelegate {

    private final ChainReviews reviews;

    OpenChainReviewsDelegate(ChainReviews reviews) {
        this.reviews = reviews;
    }

    @Override
    public void execute(DelegateExecution execution) {
        reviews.openDue(execution.getProcessInstanceId());
    }
}
