package org.tributary.command.config;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
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
     * Routing asks the project's graph a question for every package; a cache keeps the graph in memory between
     * events instead of replaying a project's whole history each time. Weak references: a project nobody uses is
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

    @Bean
    ConfigurerModule aggregateConfigurers(Cache projectCache, Cache jobCache) {
        return configurer -> configurer
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Project.class)
                        .configureCache(c -> projectCache))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Job.class)
                        .configureCache(c -> jobCache))
                .configureAggregate(DataPackage.class)
                .configureAggregate(Executor.class)
                .configureAggregate(User.class);
    }
}
