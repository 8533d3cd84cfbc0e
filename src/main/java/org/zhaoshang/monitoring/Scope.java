package org.zhaoshang.monitoring;

import java.util.List;
import java.util.Set;

import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.StaffUser;

/**
 * Whose figures a person sees: managers (区领导, 合作交流办, 督查室, 发改委, administrators) the whole
 * district; a street or park its own projects; another department the tasks of its own group.
 */
record Scope(boolean all, List<String> hostUnits, List<String> departments) {

    static final Set<String> MANAGERS = Set.of(GroupIds.LEADER, GroupIds.HEZUO, GroupIds.DUCHA, GroupIds.FAGAI, GroupIds.ADMIN);

    static Scope of(StaffUser user) {
        if (user.groupIds().stream().anyMatch(MANAGERS::contains)) {
            return new Scope(true, List.of(), List.of());
        }
        return new Scope(false, user.unitGroupIds(),
                user.groupIds().stream().filter(g -> g.startsWith(GroupIds.DEPARTMENT_PREFIX)).toList());
    }

    boolean mayFilterByUnit(String unit) {
        return all || hostUnits.contains(unit);
    }
}
