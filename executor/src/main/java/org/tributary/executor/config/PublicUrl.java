package org.tributary.executor.config;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** The URL jobs reach the executor API at: configured, or this host's loopback and the port the server got. */
@Component
public class PublicUrl {

    private final ExecutorProperties properties;
    private final Environment environment;

    public PublicUrl(ExecutorProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    public String get() {
        if (properties.publicUrl() != null) {
            return properties.publicUrl();
        }
        // set once the web server listens, which also covers server.port=0
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8084"));
        return "http://127.0.0.1:" + port;
    }
}
