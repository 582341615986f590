package org.tributary.gateway.webapp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.tributary.gateway.GatewayApplication;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The web app as the gateway serves it (a stand-in build under test-web-app/ on the class path). */
class WebAppTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ConfigurableApplicationContext gateway;
    private static String base;

    @BeforeAll
    static void start() {
        gateway = GatewayApplication.builder().run("--server.port=0",
                "--tributary.gateway.web-app=classpath:/test-web-app/");
        base = "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void servesTheAppAtTheRoot() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("the web app");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
    }

    @Test
    void thePageRunsOnlyTheAppsOwnScriptsAndIsNotFramedElsewhere() throws Exception {
        HttpResponse<String> page = get("/projects/2");

        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self';", "object-src 'none'", "base-uri 'self'",
                "frame-ancestors 'none'").doesNotContain("unsafe-eval");
        assertThat(policy.substring(policy.indexOf("script-src"))).startsWith("script-src 'self';");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void leavesTheServicesAndInteractiveJobsTheirOwnHeaders() throws Exception {
        assertThat(get("/interactive/7/lab").headers().firstValue("Content-Security-Policy")).isEmpty();
        assertThat(get("/actuator/nothing").headers().firstValue("Content-Security-Policy")).isEmpty();
    }

    @Test
    void answersTheAppsOwnRoutesWithItsPage() throws Exception {
        HttpResponse<String> page = get("/projects/2");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("the web app");
    }

    @Test
    void letsBrowsersKeepItsHashedFiles() throws Exception {
        HttpResponse<String> script = get("/assets/index-abc123.js");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("console.log");
        assertThat(script.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=31536000", "immutable");
    }

    @Test
    void answers404ForAFileItDoesNotHave() throws Exception {
        assertThat(get("/assets/index-old999.js").statusCode()).isEqualTo(404);
        assertThat(get("/favicon-gone.png").statusCode()).isEqualTo(404);
    }

    @Test
    void neverAnswersAServicesPathWithThePage() throws Exception {
        assertThat(get("/actuator/nothing").body()).doesNotContain("the web app");
        assertThat(get("/error/x").body()).doesNotContain("the web app");
    }

    @Test
    void doesNotServeFilesOutsideTheApp() throws Exception {
        assertThat(get("/..%2Fgateway.yml").body()).doesNotContain("tributary");
        assertThat(get("/%2e%2e/gateway.yml").body()).doesNotContain("command-url");
    }

    @Test
    void saysHowToBuildTheAppWhereItWasNotBuilt() throws Exception {
        try (ConfigurableApplicationContext bare = GatewayApplication.builder().run("--server.port=0",
                "--tributary.gateway.web-app=classpath:/no-such-web-app/")) {
            String url = "http://127.0.0.1:" + bare.getEnvironment().getProperty("local.server.port");
            for (String path : new String[] {"/", "/projects/2"}) {
                HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).contains("The web app was not built", "Node.js", "./mvnw");
            }
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
