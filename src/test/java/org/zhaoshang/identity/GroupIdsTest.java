package org.zhaoshang.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Who brings projects in their own name. */
class GroupIdsTest {

    @Test
    @DisplayName("001 \"区行业部门负责组织和推动行业招商\", 003 \"管行业就要管招商、管产业就要管招商\": departments bring projects like streets and parks")
    void departmentsBringProjectsButNotThePlatform() {
        assertThat(GroupIds.bringsProjects("unit-street-jinzhong")).isTrue();
        assertThat(GroupIds.bringsProjects("unit-park-dongli-dev")).isTrue();
        assertThat(GroupIds.bringsProjects(GroupIds.GONGXIN)).isTrue();
        assertThat(GroupIds.bringsProjects(GroupIds.KEJI)).isTrue();
        // 合作交流办 runs the platform and the ranking; leaders and administrators bring none in their own name.
        assertThat(GroupIds.bringsProjects(GroupIds.HEZUO)).isFalse();
        assertThat(GroupIds.bringsProjects(GroupIds.LEADER)).isFalse();
        assertThat(GroupIds.bringsProjects(GroupIds.ADMIN)).isFalse();

        StaffUser both = new StaffUser("x", "某人", List.of(GroupIds.HEZUO, GroupIds.SHANGWU, "unit-street-xinli"));
        assertThat(both.projectUnitIds()).as("streets and parks first").containsExactly("unit-street-xinli", GroupIds.SHANGWU);
        assertThat(new StaffUser("maliang", "马亮", List.of(GroupIds.GONGXIN)).projectUnitIds()).containsExactly(GroupIds.GONGXIN);
    }
}
