package org.tributary.domain.job.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The executor that runs an interactive job says where its Jupyter listens ({@code url}: an {@code http} base URL
 * the gateway can reach, such as the job's Kubernetes Service), so that the gateway can proxy
 * {@code /interactive/<job id>/} to it.
 */
public record OpenInteractive(@TargetAggregateIdentifier long jobId, long executorId, String url) {
}
