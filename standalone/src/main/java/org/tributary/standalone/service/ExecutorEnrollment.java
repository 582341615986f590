package org.tributary.standalone.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tributary.standalone.StandalonePlatform;
import org.tributary.standalone.infra.Secrets;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The standalone executor's credential: on the first start of a data folder the admin registers the executor at
 * command-service, as an admin of a cluster would ({@code POST /api/executors}), and the answer's credential is kept
 * in {@code <data>/secrets/executor-credential}; later starts use it.
 */
final class ExecutorEnrollment {

    static final String FILE = "executor-credential";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExecutorEnrollment() {
    }

    /**
     * @param registered the id this executor registered itself under before executors had credentials (a data
     *                   folder of an earlier version), or null: it keeps that id, so its projects' jobs still reach it
     */
    static String credential(Path dataDir, String commandUrl, String adminPassword, String label, Long registered) {
        return Secrets.keep(dataDir, FILE, () -> {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String token = post(http, commandUrl + "/api/auth/login", null,
                    Map.of("login", StandalonePlatform.ADMIN_LOGIN, "password", adminPassword)).get("access_token").asText();
            String path = registered == null ? "/api/executors" : "/api/executors/" + registered + "/credential";
            return post(http, commandUrl + path, token, Map.of("label", label)).get("credential").asText();
        });
    }

    /** The id an earlier version's executor registered itself under ({@code executor.registration}), if any. */
    static Long registeredBefore(org.springframework.jdbc.core.JdbcTemplate jdbc, String label) {
        Boolean exists = jdbc.queryForObject("SELECT to_regclass('executor.registration') IS NOT NULL",
                Boolean.class);
        if (!Boolean.TRUE.equals(exists)) {
            return null;
        }
        return jdbc.query("SELECT executor_id FROM executor.registration WHERE label = ?",
                rs -> rs.next() ? rs.getLong(1) : null, label);
    }

    private static JsonNode post(HttpClient http, String url, String token, Map<String, String> body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("registering the executor: " + url + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("registering the executor: " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("registering the executor was interrupted", e);
        }
    }
}
