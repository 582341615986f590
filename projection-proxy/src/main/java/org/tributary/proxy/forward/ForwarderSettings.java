package org.tributary.proxy.forward;

import java.time.Duration;

/**
 * @param eventTable     command-service's event table, schema-qualified
 * @param tokenTable     the proxy's token table (Axon's {@code tokenentry} layout), schema-qualified
 * @param channel        the NOTIFY channel its trigger signals on each append
 * @param batchSize      events read and published at a time
 * @param idlePoll       how long a caught-up forwarder waits for a notification before it reads anyway
 * @param gapTimeout     how long a skipped global index is waited for before it is taken for a rolled-back append
 * @param maxGaps        at most this many indices below the newest read are waited for
 * @param storeEvery     while events flow, the position is stored at most this often (and once idle: a wait of
 *                       {@code idlePoll} found no notification)
 * @param confirmTimeout how long a batch waits for the broker's confirms
 * @param retryFirst     the pause after a first failure, doubled while failures last ...
 * @param retryMax       ... up to this
 * @param standbyRetry   how often a proxy that is not forwarding asks whether it may
 */
public record ForwarderSettings(String eventTable, String tokenTable, String channel, int batchSize, Duration idlePoll,
                                Duration gapTimeout, int maxGaps, Duration storeEvery, Duration confirmTimeout, Duration retryFirst,
                                Duration retryMax, Duration standbyRetry) {
}
