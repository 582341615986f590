package org.tributary.command;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.context.annotation.Import;
import org.tributary.command.auth.AuthConfiguration;
import org.tributary.webedge.WebEdgeConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The write side: REST commands → aggregates → events in PostgreSQL. The only writer of events. */
// Micrometer's logback metrics put a turbo filter in front of every log-level check in the JVM, and Axon checks its
// level for each handler of each unit of work: 8 % of a rebuild's processor thread (bench/replay/README.md)
@SpringBootApplication(excludeName = "org.springframework.boot.actuate.autoconfigure.metrics.LogbackMetricsAutoConfiguration")
@ConfigurationPropertiesScan
@EnableScheduling
@Import({WebEdgeConfiguration.class, AuthConfiguration.class})
public class CommandServiceApplication {

    /** Several services may share a JVM (tests, the standalone run), so each reads its own config file. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(CommandServiceApplication.class)
                .properties("spring.config.name=command-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
