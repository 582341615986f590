package org.tributary.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.tributary.access.AccessConfiguration;
import org.tributary.eventtail.EventTailConfiguration;
import org.tributary.webedge.WebEdgeConfiguration;

/**
 * The read side: follows command-service's event store (woken by NOTIFY, never polling) with one tracking
 * processor, {@code projections}, that writes the read model in schema {@code query}, and serves it over REST.
 */
// Micrometer's logback metrics put a turbo filter in front of every log-level check in the JVM, and Axon checks its
// level for each handler of each unit of work: 8 % of a rebuild's processor thread (bench/replay/README.md)
@SpringBootApplication(excludeName = "org.springframework.boot.actuate.autoconfigure.metrics.LogbackMetricsAutoConfiguration")
@ConfigurationPropertiesScan
@Import({EventTailConfiguration.class, WebEdgeConfiguration.class, AccessConfiguration.class})
public class QueryServiceApplication {

    /** Several services share one JVM in e2e and standalone runs, so each reads its own config file. */
    public static final String CONFIG_NAME = "spring.config.name=query-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(QueryServiceApplication.class).properties(CONFIG_NAME).run(args);
    }
}
