package org.tributary.command.config;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tributary.domain.datapackage.DataPackage;
import org.tributary.domain.executor.Executor;
import org.tributary.domain.job.Job;
import org.tributary.domain.project.Project;
import org.tributary.domain.user.User;

/**
 * The aggregates live in {@code domain}, which knows no Spring, so they are registered here rather than found by
 * Spring's {@code @Aggregate} stereotype.
 */
@Configuration(proxyBeanMethods = false)
public class AggregateRegistration {

    /**
     * Every request to a project checks its node or its members; a cache keeps the aggregate in memory between
     * requests instead of replaying its history (from its snapshot on) each time. Weak references: a project nobody uses is
     * collected, and a cached instance is only used when its version matches the event store.
     */
    @Bean
    Cache projectCache() {
        return new WeakReferenceCache();
    }

    @Bean
    Cache jobCache() {
        return new WeakReferenceCache();
    }

    /** How Axon's snapshotter makes a blank project to apply a project's events to. */
    @Bean
    AggregateFactory<Project> projectFactory() {
        return new GenericAggregateFactory<>(ProjectModel.MODEL);
    }

    /**
     * A project's state is stored as a snapshot every {@code tributary.snapshots.project-every} events, so that
     * loading a project with a long history (after a restart, or a graph for routing) reads one snapshot and the
     * events after it, not the whole history.
     */
    @Bean
    ConfigurerModule aggregateConfigurers(Cache projectCache, Cache jobCache,
                                          @Value("${tributary.snapshots.project-every:500}") int projectEvery) {
        return configurer -> configurer
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Project.class)
                        .configureCache(c -> projectCache)
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                                projectEvery)))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Job.class)
                        .configureCache(c -> jobCache))
                .configureAggregate(DataPackage.class)
                .configureAggregate(Executor.class)
                .configureAggregate(User.class);
    }
}
