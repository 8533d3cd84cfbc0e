package org.zhaoshang.identity;

import java.util.List;

/** An organisation unit; {@code code} is its Camunda group id. */
public record OrgUnit(String code, String name, OrgUnitKind kind, List<String> leadingIndustries, String headUserId) {

    public OrgUnit {
        leadingIndustries = leadingIndustries == null ? List.of() : List.copyOf(leadingIndustries);
    }
}
