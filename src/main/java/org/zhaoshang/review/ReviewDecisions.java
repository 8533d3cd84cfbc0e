package org.zhaoshang.review;

import org.zhaoshang.system.Labelled;

/** The answers of the review steps, as stored in process variables (codes) and shown in Chinese (labels). */
public final class ReviewDecisions {

    private ReviewDecisions() {
    }

    public enum Precheck implements Labelled {
        PASS("通过"), RETURN("退回补正"), REJECT("不予受理");

        private final String label;

        Precheck(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /**
     * 产业指导意见 by the national industry catalogue. Guidance for the 论证会, not a veto (policy 001): 淘汰类 is
     * the department's 不同意 and is recorded as such ({@link #ELIMINATED_LABEL}); only where the district's rule
     * makes it a veto is it stored as {@link #ELIMINATED_VETO}.
     */
    public enum IndustryOpinion implements Labelled {
        ENCOURAGED("鼓励类"), PERMITTED("允许类"), RESTRICTED("限制类"), ELIMINATED("淘汰类"),
        /** Not a category: the department needs more material from the registering unit first (退回补充). */
        RETURN("退回补充材料");

        private final String label;

        IndustryOpinion(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** How 淘汰类 appears in the review record, on the agenda and on the project page. */
    public static final String ELIMINATED_LABEL = "淘汰类（不同意引进，提交论证会审议）";
    /**
     * The stored decision of a 淘汰类 that ended the review: under the district's rule, under model 1.0, or (migrated
     * by V12) before issue 21, when every 淘汰类 ended the review.
     */
    public static final String ELIMINATED_VETO = "ELIMINATED_VETO";
    public static final String ELIMINATED_VETO_LABEL = "淘汰类（终止评审，按否决处理）";

    /** 环保 and 消防: either may veto (一票否决). */
    public enum SafetyReview implements Labelled {
        AGREE("同意"), AGREE_WITH_CONDITIONS("有条件同意"), VETO("否决"), RETURN("退回补充材料");

        private final String label;

        SafetyReview(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    public enum MeetingResult implements Labelled {
        PASSED("通过"), REJECTED("不通过"), DEFERRED("补充材料后再议");

        private final String label;

        MeetingResult(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    public enum Vote implements Labelled {
        AGREE("同意"), DISAGREE("不同意"), ABSTAIN("弃权");

        private final String label;

        Vote(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    public enum GovernmentDecision implements Labelled {
        AGREE("同意"), DISAGREE("不同意");

        private final String label;

        GovernmentDecision(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** How a review ends: the stage it leaves the project in. */
    public enum Outcome {
        APPROVED, VETOED, NOT_ACCEPTED, REJECTED
    }
}
