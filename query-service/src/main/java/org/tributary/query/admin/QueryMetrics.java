package org.tributary.query.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tributary.domain.job.api.JobStatus;
import org.tributary.eventtail.ProcessorLag;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * query-service's metrics: its projections' lag behind the event store, and {@code tributary_jobs{status}}, the
 * jobs in the read model by status (one grouped count, made when scraped and shared by the status gauges).
 */
@Configuration(proxyBeanMethods = false)
class QueryMetrics {

    @Bean
    ProcessorLag processorLag(MeterRegistry registry, ObjectProvider<EventProcessingConfiguration> processing,
                              ObjectProvider<EventStore> events) {
        return new ProcessorLag(registry, processing, events);
    }

    @Bean
    JobsByStatus jobsByStatus(MeterRegistry registry, JdbcTemplate jdbc) {
        JobsByStatus jobs = new JobsByStatus(jdbc);
        for (JobStatus status : JobStatus.values()) {
            Gauge.builder("tributary.jobs", jobs, j -> j.count(status.wireName()))
                    .tag("status", status.wireName()).description("jobs in the read model by status")
                    .register(registry);
        }
        return jobs;
    }

    /** The counts of one scrape: a scrape reads every status gauge within a moment, so one query serves them. */
    static final class JobsByStatus {
        private final JdbcTemplate jdbc;
        private volatile Map<String, Long> counts = Map.of();
        private volatile long readAt;

        JobsByStatus(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        double count(String status) {
            long now = System.nanoTime();
            if (now - readAt > 1_000_000_000L) {
                Map<String, Long> fresh = new ConcurrentHashMap<>();
                jdbc.query("SELECT status, count(*) FROM job GROUP BY status",
                        rs -> {
                            fresh.put(rs.getString(1), rs.getLong(2));
                        });
                counts = fresh;
                readAt = now;
            }
            return counts.getOrDefault(status, 0L);
        }
    }
}
