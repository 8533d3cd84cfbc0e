package org.zhaoshang.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The stage table: forward only, through review, with the ends 已否决 / 不予通过 / 已流失 / 已终止. */
class ProjectStageTest {

    static final List<ProjectStage> MAIN_LINE = List.of(ProjectStage.NEGOTIATING, ProjectStage.UNDER_REVIEW,
            ProjectStage.APPROVED, ProjectStage.SIGNED, ProjectStage.REGISTERED, ProjectStage.FUNDED,
            ProjectStage.CONSTRUCTION, ProjectStage.OPERATING);

    @Test
    void eachStageOfTheMainLineMayMoveToTheNext() {
        for (int i = 0; i + 1 < MAIN_LINE.size(); i++) {
            assertThat(MAIN_LINE.get(i).canMoveTo(MAIN_LINE.get(i + 1))).as("%s → %s", MAIN_LINE.get(i), MAIN_LINE.get(i + 1)).isTrue();
        }
    }

    @Test
    void noStageMovesBackwardsOrStaysPut() {
        for (int i = 0; i < MAIN_LINE.size(); i++) {
            for (int j = 0; j <= i; j++) {
                assertThat(MAIN_LINE.get(i).canMoveTo(MAIN_LINE.get(j))).as("%s → %s", MAIN_LINE.get(i), MAIN_LINE.get(j)).isFalse();
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
            "NEGOTIATING, APPROVED",      // approval needs a review
            "NEGOTIATING, SIGNED",
            "UNDER_REVIEW, SIGNED",       // signing needs approval
            "APPROVED, OPERATING",        // after approval comes the agreement
            "NEGOTIATING, VETOED",        // only a review vetoes
            "SIGNED, VETOED",
            "NEGOTIATING, REJECTED",      // only a review rejects
            "APPROVED, REJECTED",         // an approved project is not rejected afterwards
            "SIGNED, LOST"})              // a signed project is terminated, not lost
    void shortcutsAreRefused(ProjectStage from, ProjectStage to) {
        assertThat(from.canMoveTo(to)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = ProjectStage.class, names = {"VETOED", "REJECTED", "LOST", "TERMINATED"})
    void endsAreFinal(ProjectStage end) {
        assertThat(end.isFinal()).isTrue();
        assertThat(EnumSet.allOf(ProjectStage.class)).noneMatch(end::canMoveTo);
    }

    @ParameterizedTest
    @EnumSource(value = ProjectStage.class, names = {"VETOED", "REJECTED", "LOST", "TERMINATED"}, mode = EnumSource.Mode.EXCLUDE)
    void everyOpenStageCanBeTerminated(ProjectStage open) {
        assertThat(open.isFinal()).isFalse();
        assertThat(open.canMoveTo(ProjectStage.TERMINATED)).isTrue();
    }

    @Test
    void aReviewEndsInAVetoOrARejectionAsTwoDifferentStages() {
        // Policy 001: "环保、消防部门对项目引进具有一票否决权" — 已否决 is their veto; a 论证会 or 常务会议 that does not
        // pass a project leaves it 不予通过.
        assertThat(ProjectStage.UNDER_REVIEW.canMoveTo(ProjectStage.VETOED)).isTrue();
        assertThat(ProjectStage.UNDER_REVIEW.canMoveTo(ProjectStage.REJECTED)).isTrue();
        assertThat(ProjectStage.VETOED.label()).isEqualTo("已否决");
        assertThat(ProjectStage.REJECTED.label()).isEqualTo("不予通过");
    }

    @Test
    void everyStageHasAChineseLabel() {
        assertThat(EnumSet.allOf(ProjectStage.class)).allSatisfy(s -> assertThat(s.label()).matches(".*\\p{IsHan}.*"));
    }
}
