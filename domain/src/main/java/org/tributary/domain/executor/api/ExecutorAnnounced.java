package org.tributary.domain.executor.api;

/** Where the platform's services reach the executor now, and the key they show it; both change at its restarts. */
public record ExecutorAnnounced(long executorId, String apiUrl, String readKey) {
}
