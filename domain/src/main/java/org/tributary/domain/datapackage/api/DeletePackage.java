package org.tributary.domain.datapackage.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes a package; routing then deletes the jobs it was an input of. */
public record DeletePackage(@TargetAggregateIdentifier long packageId, long projectId) {
}
