package org.zhaoshang.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 21 (7): verification compares the actual with the target; an exception is reasoned and approved by the head. */
class MilestoneVerificationTest {

    static final BigDecimal TARGET = new BigDecimal("3000");

    @Test
    @DisplayName("达成 requires actual ≥ target (policy 003: \"强化招商协议履行情况后续跟踪，杜绝超前兑付\")")
    void metOnlyWhenTheActualReachesTheTarget() {
        assertThat(MilestoneVerification.refusal("MET", new BigDecimal("3000"), TARGET, "万元", null)).isEmpty();
        assertThat(MilestoneVerification.refusal("MET", new BigDecimal("3000.01"), TARGET, "万元", null)).isEmpty();
        assertThat(MilestoneVerification.refusal("MET", new BigDecimal("2999.99"), TARGET, "万元", "材料齐全"))
                .hasValueSatisfying(m -> assertThat(m).startsWith("核验为达成须实际完成值不低于目标：报送实际值 2999.99 万元，目标 3000 万元")
                        .contains("例外达成"));
        assertThat(MilestoneVerification.refusal("MET", null, TARGET, "万元", null)).as("nothing reported is nothing reached").isPresent();
    }

    @Test
    @DisplayName("例外达成 needs a reason and an actual below the target; 未达成 needs a reason")
    void exceptionsAndMissesAreReasoned() {
        assertThat(MilestoneVerification.refusal("MET_BY_EXCEPTION", new BigDecimal("2950"), TARGET, "万元", " "))
                .hasValueSatisfying(m -> assertThat(m).startsWith("例外达成须说明理由"));
        assertThat(MilestoneVerification.refusal("MET_BY_EXCEPTION", new BigDecimal("2950"), TARGET, "万元", "汇率折算差额，已补足")).isEmpty();
        assertThat(MilestoneVerification.refusal("MET_BY_EXCEPTION", new BigDecimal("3000"), TARGET, "万元", "理由"))
                .hasValueSatisfying(m -> assertThat(m).contains("请直接核验为达成"));
        assertThat(MilestoneVerification.refusal("MISSED", BigDecimal.ZERO, TARGET, "万元", null)).contains("核验为未达成时请说明理由");
        assertThat(MilestoneVerification.refusal("DONE", BigDecimal.ZERO, TARGET, "万元", "x")).contains("请选择核验结论（达成、例外达成或未达成）");
    }

    @Test
    @DisplayName("the department head approves an exception; the head's own goes to the head's supervisor")
    void theHeadApprovesAndNobodyApprovesTheirOwn() {
        assertThat(MilestoneVerification.exceptionApprover(Optional.of("gaofeng"), Optional.of("gaofeng"), "maliang")).contains("gaofeng");
        assertThat(MilestoneVerification.exceptionApprover(Optional.of("gaofeng"), Optional.of("zhangjun"), "gaofeng")).contains("zhangjun");
        assertThat(MilestoneVerification.exceptionApprover(Optional.empty(), Optional.of("gaofeng"), "maliang")).contains("gaofeng");
        assertThat(MilestoneVerification.exceptionApprover(Optional.of("tangchao"), Optional.empty(), "tangchao")).isEmpty();
    }
}
