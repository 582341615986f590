package org.tributary.proxy;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Follows command-service's event store (woken by NOTIFY, gap-aware, in commit order: {@code EventForwarder}) and
 * publishes every event to the RabbitMQ topic exchange, advancing its token in schema {@code proxy} only after the
 * broker confirmed.
 */
// Micrometer's logback metrics put a turbo filter in front of every log-level check in the JVM, and Axon checks its
// level for each handler of each unit of work: 8 % of a rebuild's processor thread (bench/replay/README.md)
@SpringBootApplication(excludeName = "org.springframework.boot.actuate.autoconfigure.metrics.LogbackMetricsAutoConfiguration")
@ConfigurationPropertiesScan
public class ProjectionProxyApplication {

    /** Several services may share a JVM (tests, the standalone run), so each reads its own config file. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ProjectionProxyApplication.class)
                .properties("spring.config.name=projection-proxy");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
