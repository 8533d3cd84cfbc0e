package org.zhaoshang.operations;

import org.zhaoshang.system.Labelled;

/** The operations on a task that Chinese reviewers expect of a BPM product, as logged and shown on the timeline. */
public enum OperationKind implements Labelled {
    SEND_BACK("退回"),
    TRANSFER("转办"),
    DELEGATE("委派"),
    EXTRA_OPINION("加签"),
    EXTRA_OPINION_GIVEN("加签意见"),
    COPY("抄送"),
    COPY_READ("已阅抄送"),
    URGE("催办"),
    WITHDRAW("撤回");

    private final String label;

    OperationKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
