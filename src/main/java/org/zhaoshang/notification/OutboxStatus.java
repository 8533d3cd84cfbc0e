package org.zhaoshang.notification;

import org.zhaoshang.system.Labelled;

public enum OutboxStatus implements Labelled {
    PENDING("待发送"),
    SENDING("发送中"),
    SENT("已发送"),
    /** The channel cannot send (no mail server in the embedded run, no SMS gateway, robot removed): kept here for reading and resend. */
    HELD("未发送（渠道未配置）"),
    FAILED("发送失败");

    private final String label;

    OutboxStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
