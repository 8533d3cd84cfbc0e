package org.zhaoshang.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.zhaoshang.system.ApiException;

/**
 * The agreement page's form: text as typed (so a refused form comes back exactly as it was entered),
 * turned into an {@link AgreementRegistration} with Chinese refusals for numbers and dates. Blank rows
 * are ignored; incentives name their milestones by row number ("1,3").
 */
public class AgreementForm {

    public static class MilestoneRow {
        private String type = "";
        private String title = "";
        private String targetValue = "";
        private String targetUnit = "";
        private String dueOn = "";
        private String responsibleUnit = "";
        private String verifyingDepartment = "";

        boolean blank() {
            return type.isBlank() && title.isBlank() && targetValue.isBlank() && dueOn.isBlank();
        }

        public String getType() { return type; }
        public void setType(String type) { this.type = type == null ? "" : type; }
        public String getTitle() { return title; }
        public void setTitle(String title) { this.title = title == null ? "" : title; }
        public String getTargetValue() { return targetValue; }
        public void setTargetValue(String targetValue) { this.targetValue = targetValue == null ? "" : targetValue; }
        public String getTargetUnit() { return targetUnit; }
        public void setTargetUnit(String targetUnit) { this.targetUnit = targetUnit == null ? "" : targetUnit; }
        public String getDueOn() { return dueOn; }
        public void setDueOn(String dueOn) { this.dueOn = dueOn == null ? "" : dueOn; }
        public String getResponsibleUnit() { return responsibleUnit; }
        public void setResponsibleUnit(String responsibleUnit) { this.responsibleUnit = responsibleUnit == null ? "" : responsibleUnit; }
        public String getVerifyingDepartment() { return verifyingDepartment; }
        public void setVerifyingDepartment(String verifyingDepartment) { this.verifyingDepartment = verifyingDepartment == null ? "" : verifyingDepartment; }
    }

    public static class IncentiveRow {
        private String name = "";
        private String cap = "";
        private String unlockedBy = "";

        boolean blank() {
            return name.isBlank() && cap.isBlank() && unlockedBy.isBlank();
        }

        public String getName() { return name; }
        public void setName(String name) { this.name = name == null ? "" : name; }
        public String getCap() { return cap; }
        public void setCap(String cap) { this.cap = cap == null ? "" : cap; }
        public String getUnlockedBy() { return unlockedBy; }
        public void setUnlockedBy(String unlockedBy) { this.unlockedBy = unlockedBy == null ? "" : unlockedBy; }
    }

    static final int MILESTONE_ROWS = 10;
    static final int INCENTIVE_ROWS = 5;

    private String agreementNo = "";
    private String signedOn = "";
    private String parties = "";
    private String totalInvestment = "";
    private List<MilestoneRow> milestones = new ArrayList<>();
    private List<IncentiveRow> incentives = new ArrayList<>();

    /** An empty form with blank rows to fill in. */
    static AgreementForm blank(String hostUnit, String industryDepartment) {
        AgreementForm form = new AgreementForm();
        form.padRows(hostUnit, industryDepartment);
        return form;
    }

    void padRows(String hostUnit, String industryDepartment) {
        while (milestones.size() < MILESTONE_ROWS) {
            MilestoneRow row = new MilestoneRow();
            row.setResponsibleUnit(hostUnit);
            row.setVerifyingDepartment(industryDepartment);
            milestones.add(row);
        }
        while (incentives.size() < INCENTIVE_ROWS) {
            incentives.add(new IncentiveRow());
        }
    }

    AgreementRegistration toRegistration() {
        List<AgreementRegistration.MilestonePlan> plans = new ArrayList<>();
        // Row numbers as the user sees them map to positions among the filled rows.
        int[] positionOfRow = new int[milestones.size() + 1];
        for (int n = 0; n < milestones.size(); n++) {
            MilestoneRow row = milestones.get(n);
            if (row.blank()) {
                continue;
            }
            String which = "第" + (n + 1) + "行履约节点";
            plans.add(new AgreementRegistration.MilestonePlan(row.type, row.title,
                    number(row.targetValue, "milestones[" + (n + 1) + "].targetValue", which + "的目标值"),
                    row.targetUnit, date(row.dueOn, "milestones[" + (n + 1) + "].dueOn", which + "的完成时限"), row.responsibleUnit,
                    row.verifyingDepartment));
            positionOfRow[n + 1] = plans.size();
        }
        List<AgreementRegistration.IncentivePlan> incentivePlans = new ArrayList<>();
        for (int n = 0; n < incentives.size(); n++) {
            IncentiveRow row = incentives.get(n);
            if (row.blank()) {
                continue;
            }
            String which = "第" + (n + 1) + "行奖励条款";
            List<Integer> unlocked = new ArrayList<>();
            for (String part : row.unlockedBy.split("[,，、\\s]+")) {
                if (part.isBlank()) {
                    continue;
                }
                int rowNumber;
                try {
                    rowNumber = Integer.parseInt(part.trim());
                } catch (NumberFormatException e) {
                    throw ApiException.badField("incentives[" + (n + 1) + "].unlockedBy", which + "：解锁节点请填写履约节点的行号，如 1,3");
                }
                if (rowNumber < 1 || rowNumber >= positionOfRow.length || positionOfRow[rowNumber] == 0) {
                    throw ApiException.badField("incentives[" + (n + 1) + "].unlockedBy", which + "：解锁节点第" + rowNumber + "行不是本协议已填写的履约节点");
                }
                unlocked.add(positionOfRow[rowNumber]);
            }
            incentivePlans.add(new AgreementRegistration.IncentivePlan(row.name, number(row.cap, "incentives[" + (n + 1) + "].cap", which + "的上限金额"),
                    unlocked));
        }
        return new AgreementRegistration(agreementNo, date(signedOn, "signedOn", "签约日期"), parties,
                number(totalInvestment, "totalInvestment", "协议总投资"), plans, incentivePlans);
    }

    private static BigDecimal number(String text, String field, String what) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.trim().replace(",", "").replace("，", ""));
        } catch (NumberFormatException e) {
            throw ApiException.badField(field, what + "须为数字：" + text.trim());
        }
    }

    private static LocalDate date(String text, String field, String what) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badField(field, what + "格式不正确（例如 2027-06-30）：" + text.trim());
        }
    }

    public String getAgreementNo() { return agreementNo; }
    public void setAgreementNo(String agreementNo) { this.agreementNo = agreementNo == null ? "" : agreementNo; }
    public String getSignedOn() { return signedOn; }
    public void setSignedOn(String signedOn) { this.signedOn = signedOn == null ? "" : signedOn; }
    public String getParties() { return parties; }
    public void setParties(String parties) { this.parties = parties == null ? "" : parties; }
    public String getTotalInvestment() { return totalInvestment; }
    public void setTotalInvestment(String totalInvestment) { this.totalInvestment = totalInvestment == null ? "" : totalInvestment; }
    public List<MilestoneRow> getMilestones() { return milestones; }
    public void setMilestones(List<MilestoneRow> milestones) { this.milestones = milestones; }
    public List<IncentiveRow> getIncentives() { return incentives; }
    public void setIncentives(List<IncentiveRow> incentives) { this.incentives = incentives; }

}
