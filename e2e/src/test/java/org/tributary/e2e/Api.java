package org.tributary.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A plain HTTP client, as a user's script would be: JSON in, JSON out, the status checked by the caller. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Answer(int status, JsonNode body) {
    }

    private final String base;
    private final String token;

    Api(String base) {
        this(base, null);
    }

    /** Every request carries {@code token} as its bearer token (none when null). */
    Api(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The same service as another caller. */
    Api as(String bearer) {
        return new Api(base, bearer);
    }

    String token() {
        return token;
    }

    /** Logs in at command-service ({@code base}); answers it signed in. */
    static Api login(String base, String login, String password) {
        JsonNode session = new Api(base).ok("POST", "/api/auth/login", java.util.Map.of("login", login,
                "password", password));
        return new Api(base, session.get("access_token").asText());
    }

    /** Registers a user at command-service ({@code base}) and logs in as them. */
    static Api register(String base, String login) {
        String password = "e2e password of " + login;
        new Api(base).ok("POST", "/api/auth/register", java.util.Map.of("login", login, "password", password,
                "display_name", login, "email", login + "@example.org"));
        return login(base, login, password);
    }

    /** A new project's main data layer and a data node in it. */
    record DataNode(long project, long layer, long node) {
        String packages() {
            return "/api/projects/" + project + "/nodes/" + node + "/packages?data_layer_id=" + layer;
        }
    }

    /** Makes a project named {@code name} with one data node, {@code label}. */
    DataNode dataNode(String name, String label) {
        JsonNode project = ok("POST", "/api/projects", java.util.Map.of("name", name));
        long id = project.get("id").asLong();
        long node = ok("POST", "/api/projects/" + id + "/nodes", java.util.Map.of("label", label, "kind", "data",
                "version", project.get("version").asLong())).get("id").asLong();
        return new DataNode(id, project.get("main_data_layer_id").asLong(), node);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    Answer call(String method, String path, Object body) {
        try {
            HttpRequest request = request(path)
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    /** Calls and insists on a 2xx answer, showing the problem otherwise. */
    JsonNode ok(String method, String path, Object body) {
        Answer answer = call(method, path, body);
        if (answer.status() / 100 != 2) {
            throw new AssertionError(method + " " + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    /** GETs a text answer (a job's log), insisting on 200; {@code lastEventId} resumes a followed log. */
    String text(String path, String lastEventId) {
        try {
            HttpRequest.Builder request = request(path);
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(path, e);
        }
    }

    /** GETs a streamed answer (a followed log) line by line, as it arrives. */
    java.util.stream.Stream<String> lines(String path) {
        try {
            HttpResponse<java.util.stream.Stream<String>> response = HTTP.send(
                    request(path).build(), HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(path, e);
        }
    }

    static byte[] download(String url) {
        try {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + url + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(url, e);
        }
    }

    static void upload(String url, byte[] content) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("PUT " + url + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(url, e);
        }
    }

    /** PUTs raw bytes (a node file) to the API. */
    JsonNode putBytes(String path, byte[] content, String ifMatch) {
        try {
            HttpResponse<String> response = HTTP.send(request(path)
                    .header("If-Match", ifMatch)
                    .header("Content-Type", "text/x-shellscript")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("PUT " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(path, e);
        }
    }
}
