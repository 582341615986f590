package org.tributary.domain.project.api;

import org.tributary.domain.shared.ContainerSpec;

/** A compute node's container spec changed. */
public record NodeContainerChanged(long projectId, long nodeId, ContainerSpec container) implements ProjectEvent {
}
