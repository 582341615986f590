package org.tributary.domain.executor.api;

import org.tributary.domain.shared.ExecutorAddressed;

/** An executor was registered. */
public record ExecutorRegistered(long executorId, String label, ExecutorCapabilities capabilities) implements ExecutorAddressed {
}
