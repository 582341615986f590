package org.tributary.gateway.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;
import org.tributary.gateway.GatewayProperties;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When {@code tributary.gateway.health-checks} names services, the gateway's health has a {@code services}
 * component with each one's own health status, so that one URL tells whether the whole platform is up.
 */
@Component
class ServicesHealth {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    ServicesHealth(GatewayProperties properties, HealthContributorRegistry registry, ObjectMapper json) {
        if (properties.healthChecks().isEmpty()) {
            return;
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                .build();
        Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
        properties.healthChecks().forEach((name, url) -> indicators.put(name, () -> check(client, json, url)));
        registry.registerContributor("services", CompositeHealthContributor.fromMap(indicators));
    }

    private static Health check(HttpClient client, ObjectMapper json, URI base) {
        URI url = URI.create(base + "/actuator/health");
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode status = response.body().isBlank() ? null : json.readTree(response.body()).get("status");
            return Health.status(status == null ? Status.UNKNOWN : new Status(status.asText()))
                    .withDetail("url", base.toString()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down(e).withDetail("url", base.toString()).build();
        } catch (Exception e) {
            return Health.down().withDetail("url", base.toString()).withDetail("error", e.toString()).build();
        }
    }
}
