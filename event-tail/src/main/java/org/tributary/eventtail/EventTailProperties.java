package org.tributary.eventtail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the event store lives and how the tail is woken.
 *
 * @param schema       the PostgreSQL schema of command-service's event tables
 * @param channel      the NOTIFY channel command-service's trigger signals on each append
 * @param fetchDelayMs how long the tail waits between reads when no notification arrives; only a fallback
 *                     (a lost connection, an event whose transaction committed late)
 */
@ConfigurationProperties("tributary.event-store")
public record EventTailProperties(@DefaultValue("command") String schema,
                                  @DefaultValue(EventTail.CHANNEL) String channel,
                                  @DefaultValue("1000") long fetchDelayMs) {
}
