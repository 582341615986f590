package org.tributary.executor;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.context.annotation.Import;
import org.tributary.access.AccessConfiguration;
import org.tributary.webedge.WebEdgeConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The executor: claims jobs dispatched to it, runs them and serves the executor API its jobs talk to. */
// Micrometer's logback metrics put a turbo filter in front of every log-level check in the JVM, and Axon checks its
// level for each handler of each unit of work: 8 % of a rebuild's processor thread (bench/replay/README.md)
@SpringBootApplication(excludeName = "org.springframework.boot.actuate.autoconfigure.metrics.LogbackMetricsAutoConfiguration")
@ConfigurationPropertiesScan
@EnableScheduling
@Import({WebEdgeConfiguration.class, AccessConfiguration.class})
public class ExecutorApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /** The application with its own config file name, so that several services can share one JVM. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ExecutorApplication.class).properties("spring.config.name=executor");
    }
}
