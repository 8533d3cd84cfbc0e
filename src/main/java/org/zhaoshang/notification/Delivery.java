package org.zhaoshang.notification;

import java.time.Duration;

/**
 * What a provider made of one message: sent, refused for now (retried with the outbox's back-off, or after
 * {@code retryAfter} when the provider said how long), or refused for good (FAILED at once, for an administrator).
 * {@code detail} is shown on the outbox page: never a key, a secret or a webhook address.
 */
public record Delivery(Outcome outcome, String detail, Duration retryAfter) {

    public enum Outcome { SENT, TEMPORARY, PERMANENT }

    public static Delivery sent() {
        return new Delivery(Outcome.SENT, null, null);
    }

    public static Delivery temporary(String detail) {
        return new Delivery(Outcome.TEMPORARY, detail, null);
    }

    public static Delivery temporary(String detail, Duration retryAfter) {
        return new Delivery(Outcome.TEMPORARY, detail, retryAfter);
    }

    public static Delivery permanent(String detail) {
        return new Delivery(Outcome.PERMANENT, detail, null);
    }
}
