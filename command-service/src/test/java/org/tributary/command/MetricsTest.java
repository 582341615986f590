package org.tributary.command;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Prometheus reads command-service's own figures at /actuator/prometheus (tests export none unless asked). */
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
class MetricsTest extends GraphTestBase {

    String scrape() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void eventsAppendedAndTheRoutingProcessorsLagAreExposed() throws Exception {
        // this test's context has its own registry and shares the database with the other contexts of the run,
        // whose routing processor may hold the token: so the appends this context makes are what it counts
        long work = node("work", "data", null);
        upload(work, "x", Map.of());

        String metrics = scrape();

        assertThat(metrics).containsPattern("tributary_events_appended_total\\{[^}]*type=\"PackageCreated\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("tributary_processor_lag_events\\{[^}]*processor=\"routing\"[^}]*} "
                + "([0-9]|NaN)");
    }

    @Test
    void requestsAreTimedWithoutALongTaskTimerBesideThem() throws Exception {
        long work = node("work", "data", null);
        upload(work, "x", Map.of());

        String metrics = scrape();

        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*} [1-9]");
        assertThat(metrics).doesNotContain("http_server_requests_active");
    }
}
