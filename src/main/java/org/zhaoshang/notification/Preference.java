package org.zhaoshang.notification;

import org.zhaoshang.system.Labelled;

/** What a person chose to receive: e-mail, SMS, and being @-mentioned where a notice about their task reaches their unit's group. */
public enum Preference implements Labelled {
    EMAIL("邮件"),
    SMS("短信"),
    GROUP_MENTION("单位工作群中@我");

    private final String label;

    Preference(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
