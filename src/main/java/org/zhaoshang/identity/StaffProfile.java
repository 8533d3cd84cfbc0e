package org.zhaoshang.identity;

/** What a Camunda user lacks: the unit the person belongs to and the supervisor who gets escalations. */
public record StaffProfile(String userId, String unitCode, String title, String supervisorId, String phone) {
}
