package org.zhaoshang.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.mail}: sender address, how often the outbox is delivered, and the retry policy (the wait
 * doubles from {@code first-retry} up to {@code max-retry-wait}; after {@code max-attempts} a mail is
 * FAILED and waits for an administrator's "resend"); each step of an SMTP conversation ends by {@code attempt-timeout}
 * ({@link SmtpDeadline}). Without {@code spring.mail.host} nothing is sent:
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
        @DefaultValue("PT10M") Duration sendingTimeout,
        @DefaultValue("PT1M") Duration attemptTimeout) {

    /**
     * A node takes over another's mail only after {@code sending-timeout}; by then the other node's attempt must be over
     * (it is cut at {@code attempt-timeout} per step: connecting, the mail, goodbye), or the mail could go out twice.
     */
    public MailProperties {
        if (attemptTimeout != null && sendingTimeout != null && attemptTimeout.multipliedBy(3).compareTo(sendingTimeout) >= 0) {
            throw new IllegalArgumentException("app.mail.attempt-timeout (" + attemptTimeout + ") must be less than a third of "
                    + "app.mail.sending-timeout (" + sendingTimeout + "): another node takes over a mail in SENDING after that time");
        }
    }
}
