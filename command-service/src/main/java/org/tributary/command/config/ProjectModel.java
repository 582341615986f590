package org.tributary.command.config;

import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.FixedValueParameterResolver;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.tributary.domain.project.Project;

/**
 * The Project aggregate's model for what applies its events outside Axon's repository: routing's own copy of each
 * graph, and the snapshotter's blank project. Its command handlers ask for resources (Ids) that only Axon's
 * configuration provides, and are never called through this model, so such parameters resolve as absent instead of
 * failing the inspection (whether they resolve would depend on what the class path offers).
 */
public final class ProjectModel {

    public static final AggregateModel<Project> MODEL = AnnotatedAggregateMetaModelFactory.inspectAggregate(
            Project.class, MultiParameterResolverFactory.ordered(
                    ClasspathParameterResolverFactory.forClass(Project.class),
                    // the first parameter is the payload, which Axon resolves itself when no factory claims it
                    (executable, parameters, index) -> index == 0 ? null : new FixedValueParameterResolver<>(null)));

    private ProjectModel() {
    }
}
