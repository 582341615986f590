package org.tributary.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The read model as the query tests read it over HTTP. */
final class ReadModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReadModel() {
    }

    /** Points the service under test at its database and S3 server. */
    static void serve(org.springframework.test.context.DynamicPropertyRegistry registry,
                      org.tributary.testsupport.TestDatabase db, org.tributary.testsupport.TestS3 s3) {
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        if (org.tributary.testsupport.TestInfra.postgres().kind() == org.tributary.testsupport.TestInfra.Kind.EMBEDDED) {
            // at the JVM's exit the embedded database may stop before the cached contexts close; their processors
            // then give up a connection after 1 s instead of 30 s, and no longer hold the test JVM's exit
            registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
        }
        registry.add("tributary.s3.endpoint", s3::endpoint);
        registry.add("tributary.s3.access-key", () -> org.tributary.testsupport.TestS3.ACCESS_KEY);
        registry.add("tributary.s3.secret-key", () -> org.tributary.testsupport.TestS3.SECRET_KEY);
        registry.add("tributary.security.jwk-set-uri", () -> org.tributary.testsupport.TestTokens.shared().jwkSetUri());
    }

    /** Every request of {@code http} carries {@code token} unless it names a credential of its own. */
    static TestRestTemplate signedIn(TestRestTemplate http, String token) {
        http.getRestTemplate().getInterceptors().removeIf(SignedIn.class::isInstance);
        http.getRestTemplate().getInterceptors().add(new SignedIn(token));
        return http;
    }

    /** As the platform admin, who reads every project. */
    static TestRestTemplate asAdmin(TestRestTemplate http) {
        return signedIn(http, org.tributary.testsupport.TestTokens.shared().admin());
    }

    private record SignedIn(String token) implements org.springframework.http.client.ClientHttpRequestInterceptor {
        @Override
        public org.springframework.http.client.ClientHttpResponse intercept(org.springframework.http.HttpRequest request,
                byte[] body, org.springframework.http.client.ClientHttpRequestExecution execution)
                throws java.io.IOException {
            if (!request.getHeaders().containsKey("Authorization")) {
                request.getHeaders().setBearerAuth(token);
            }
            return execution.execute(request, body);
        }
    }

    /** {@code GET path}, which must answer 200 with JSON. */
    static JsonNode get(TestRestTemplate http, String path) {
        ResponseEntity<String> response = http.getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(path + ": " + response.getBody()).isEqualTo(HttpStatus.OK);
        return json(response.getBody());
    }

    /** {@code GET path} until it answers 2xx with JSON that is {@code ready}: the projections follow the events. */
    static JsonNode awaitJson(TestRestTemplate http, String path, Predicate<JsonNode> ready) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            ResponseEntity<String> response = http.getForEntity(path, String.class);
            return response.getStatusCode().is2xxSuccessful() ? json(response.getBody()) : null;
        }, body -> body != null && ready.test(body));
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** Presigned URLs carry their signing time, so two reads differ in them and nothing else. */
    static JsonNode withoutUrls(JsonNode node) {
        if (node.isObject()) {
            ((ObjectNode) node).remove("content");
        }
        node.forEach(ReadModel::withoutUrls);
        return node;
    }
}
