package org.tributary.proxy.publish;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Where the proxy publishes.
 *
 * @param exchange       the durable topic exchange every event goes to; the proxy declares it
 * @param confirmTimeout how long a batch waits for the broker's confirms before it is rolled back and retried
 */
@ConfigurationProperties("tributary.proxy")
public record ProxyProperties(@DefaultValue("tributary.events") String exchange,
                              @DefaultValue("30s") Duration confirmTimeout) {
}
