package org.zhaoshang.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.mail}: sender address, how often the outbox is delivered, and the retry policy (the wait
 * doubles from {@code first-retry} up to {@code max-retry-wait}; after {@code max-attempts} a mail is
 * FAILED and waits for an administrator's "resend"). Without {@code spring.mail.host} nothing is sent:
 * mails are kept in the outbox (status HELD) for the administrators' page.
 */
@ConfigurationProperties("app.mail")
public record MailProperties(
        @DefaultValue("zhaoshang-noreply@localhost") String from,
        @DefaultValue("true") boolean dispatchEnabled,
        @DefaultValue("PT15S") Duration dispatchInterval,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("PT30S") Duration firstRetry,
        @DefaultValue("PT1H") Duration maxRetryWait,
        @DefaultValue("PT10M") Duration sendingTimeout) {
}
