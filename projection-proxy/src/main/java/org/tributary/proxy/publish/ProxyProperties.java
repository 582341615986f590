package org.tributary.proxy.publish;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Where the proxy publishes, and how it reads.
 *
 * @param exchange       the durable topic exchange every event goes to; the proxy declares it
 * @param confirmTimeout how long a batch waits for the broker's confirms before it is sent again
 * @param batchSize      events read and published at a time
 * @param idlePoll       how long a caught-up proxy waits for command-service's notification before it reads anyway
 * @param gapTimeout     how long a skipped global index is waited for (an append still committing) before it is
 *                       taken for one that rolled back
 * @param maxGaps        at most this many indices below the newest read are waited for
 * @param storeEvery     while events flow, the position is stored at most this often (and once the proxy is idle: a
 *                       wait of {@code idlePoll} found no notification); after a crash what was confirmed since is
 *                       sent again
 * @param retryFirst     the pause after a failure, doubled while failures last, up to {@code retryMax}
 * @param retryMax       the longest pause between attempts
 * @param standbyRetry   how often a proxy that waits for another one to stop forwarding asks again
 * @param tokenTable     the proxy's token row's table (Axon's {@code tokenentry} layout), schema-qualified
 */
@ConfigurationProperties("tributary.proxy")
public record ProxyProperties(@DefaultValue("tributary.events") String exchange,
                              @DefaultValue("30s") Duration confirmTimeout,
                              @DefaultValue("100") int batchSize,
                              @DefaultValue("500ms") Duration idlePoll,
                              @DefaultValue("60s") Duration gapTimeout,
                              @DefaultValue("10000") int maxGaps,
                              @DefaultValue("200ms") Duration storeEvery,
                              @DefaultValue("200ms") Duration retryFirst,
                              @DefaultValue("10s") Duration retryMax,
                              @DefaultValue("5s") Duration standbyRetry,
                              @DefaultValue("proxy.tokenentry") String tokenTable) {
}
