package org.zhaoshang.notification;

import org.zhaoshang.system.Labelled;

public enum OutboxStatus implements Labelled {
    PENDING("待发送"),
    SENDING("发送中"),
    SENT("已发送"),
    /** No mail server is configured (embedded run): kept here for reading. */
    HELD("未发送（未配置邮件服务器）"),
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
