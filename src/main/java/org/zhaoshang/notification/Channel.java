package org.zhaoshang.notification;

import org.zhaoshang.system.Labelled;

/**
 * Where an outbox row goes. E-mail and SMS reach a person; the robots post into a unit's 企业微信 or 钉钉 group,
 * where officials read first (issue 23).
 */
public enum Channel implements Labelled {
    EMAIL("邮件"),
    SMS("短信"),
    WECOM_ROBOT("企业微信群"),
    DINGTALK_ROBOT("钉钉群");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    public boolean isRobot() {
        return this == WECOM_ROBOT || this == DINGTALK_ROBOT;
    }
}
