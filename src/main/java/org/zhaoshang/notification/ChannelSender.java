package org.zhaoshang.notification;

import java.time.Duration;
import java.util.List;

/**
 * Sends the outbox rows of one channel. The dispatcher hands it the due rows of one target (a unit's robot, a
 * mobile) after the target's rate allowance granted one message; the sender joins as many as fit into that one
 * message, so a burst of notices reaches a paced group as a few digests instead of being dropped by the provider.
 */
interface ChannelSender {

    Channel channel();

    /** Null when messages can go to the target now; otherwise why not (kept on the row, which waits as HELD). */
    String unavailable(String target);

    /** Messages per {@link #window()} the provider takes for one target. */
    int perWindow();

    Duration window();

    /** At most this many rows are offered for one message. */
    int maxItems();

    /** How many of the rows, in order and at least one, one message carries. */
    int fitting(List<OutboxMail> rows);

    /** Sends the rows as one message; never throws. */
    Delivery send(String target, List<OutboxMail> rows);
}
