package org.zhaoshang.identity;

import java.util.List;

/**
 * The district-level groups every installation has (DESIGN.md, "Who uses it"). Streets and parks
 * differ per district: administrators create them in Camunda Admin as {@code unit-street-…} or
 * {@code unit-park-…} groups; the demo profile seeds a sample district.
 */
final class StandardOrganisation {

    record StandardGroup(String id, String name, OrgUnitKind kind, List<String> leadingIndustries) {
    }

    static final List<StandardGroup> GROUPS = List.of(
            new StandardGroup(GroupIds.HEZUO, "区合作交流办", OrgUnitKind.DEPARTMENT, List.of()),
            new StandardGroup(GroupIds.GONGXIN, "区工业和信息化局", OrgUnitKind.DEPARTMENT,
                    List.of("SMART_MANUFACTURING", "NEW_GENERATION_IT", "NEW_ENERGY_MATERIALS", "BIOMEDICINE")),
            new StandardGroup(GroupIds.SHANGWU, "区商务局", OrgUnitKind.DEPARTMENT,
                    List.of("MODERN_SERVICES", "HEADQUARTERS_ECONOMY")),
            new StandardGroup(GroupIds.NONGYE, "区农业农村委", OrgUnitKind.DEPARTMENT, List.of("AGRI_CULTURE_TOURISM")),
            new StandardGroup(GroupIds.KEJI, "区科技局", OrgUnitKind.DEPARTMENT, List.of("BIOMEDICINE", "NEW_ENERGY_MATERIALS")),
            new StandardGroup(GroupIds.HUANBAO, "区生态环境局", OrgUnitKind.DEPARTMENT, List.of()),
            new StandardGroup(GroupIds.XIAOFANG, "区消防救援支队", OrgUnitKind.DEPARTMENT, List.of()),
            new StandardGroup(GroupIds.FAGAI, "区发展改革委", OrgUnitKind.DEPARTMENT, List.of()),
            new StandardGroup(GroupIds.DUCHA, "区政府督查室", OrgUnitKind.DEPARTMENT, List.of()),
            new StandardGroup(GroupIds.ZHENGFUBAN, "区政府办公室（常务会议）", OrgUnitKind.DEPARTMENT, List.of()),
            new StandardGroup(GroupIds.CAIZHENG, "区财政局", OrgUnitKind.DEPARTMENT, List.of()),
            new StandardGroup(GroupIds.LEADER, "区领导", OrgUnitKind.LEADERSHIP, List.of()));

    private StandardOrganisation() {
    }
}
