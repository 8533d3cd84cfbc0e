package org.zhaoshang.escalation;

/** A person who receives a notification. */
public record Recipient(String userId, String name, String email) {
}
