package org.zhaoshang.notification;

import java.util.Map;

/**
 * An SMS provider. The product ships {@link AliyunSmsGateway}; a district with another provider (its 政务短信平台,
 * an operator's gateway) defines a Spring bean of this type and that one is used instead.
 */
public interface SmsGateway {

    /** Whether the gateway has what it needs to send (shown on /admin/channels). */
    boolean configured();

    /** A line for administrators: provider and signature, never a key. */
    String describe();

    /**
     * Sends one templated message to one mainland mobile number. {@code variables}: {@code count} (how many notices
     * the message stands for) and {@code first} (the first notice, at most 35 characters). Never throws.
     */
    Delivery send(String mobile, Map<String, String> variables);
}
