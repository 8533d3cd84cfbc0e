package org.zhaoshang.unitreport;

import org.zhaoshang.system.Labelled;

/** Where a unit's report stands. 已报送 = approved by the unit head and sent to 合作交流办 (the time that counts for lateness). */
public enum ReportStatus implements Labelled {
    OPEN("待起草"),
    AWAITING_APPROVAL("待审定"),
    RETURNED("退回修改"),
    SUBMITTED("已报送"),
    RECEIVED("已签收");

    private final String label;

    ReportStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** Approved by the head (sent), whether or not 合作交流办 has signed for it yet. */
    public boolean sent() {
        return this == SUBMITTED || this == RECEIVED;
    }
}
