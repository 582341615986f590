package org.tributary.webedge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What a client sees at the edge of a service: strict JSON, limits, and problems for every error. */
@SpringBootTest(classes = EdgeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "tributary.web.max-json-bytes=1000")
class EdgeTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    record Answer(int status, String contentType, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    Answer post(String path, byte[] body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    Answer post(String body) throws Exception {
        return post("/things/1", body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** A request written by hand, for what {@link HttpClient} refuses to send. */
    Answer raw(String requestLine) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int headersEnd = response.indexOf("\r\n\r\n");
            String headers = response.substring(0, headersEnd).toLowerCase();
            String contentType = headers.lines().filter(l -> l.startsWith("content-type:"))
                    .map(l -> l.substring(13).trim()).findFirst().orElse("");
            String body = response.substring(headersEnd + 4);
            if (headers.contains("transfer-encoding: chunked")) {
                body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n"));
            }
            return new Answer(status, contentType, body);
        }
    }

    static void assertProblem(Answer answer, int status, String field) throws IOException {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("status").asInt()).isEqualTo(status);
        assertThat(answer.json().get("detail").asText()).isNotBlank();
        assertThat(answer.json().path("field").asText(null)).isEqualTo(field);
    }

    @Test
    void readsAWellFormedBody() throws Exception {
        Answer answer = post("{\"label\":\"a\",\"active\":true,\"version\":3,\"fields\":{\"k\":[1,\"x\"]}}");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("label").asText()).isEqualTo("a");
        assertThat(answer.json().get("fields").get("k").get(1).asText()).isEqualTo("x");
    }

    @Test
    void readsJsonSentWithoutContentTypeAsTheOriginalClientsDo() throws Exception {
        assertThat(post("/things/1", "{\"label\":\"a\"}".getBytes(), null).status()).isEqualTo(200);
        assertThat(post("/things/1", "{\"label\":\"b\"}".getBytes(), "application/octet-stream").json()
                .get("label").asText()).isEqualTo("b");
    }

    @Test
    void refusesTrailingGarbage() throws Exception {
        assertProblem(post("{} x"), 400, "body");
        assertProblem(post("{\"label\":\"a\"} {}"), 400, "body");
    }

    @Test
    void refusesAByteOrderMark() throws Exception {
        byte[] body = "\uFEFF{\"label\":\"bom\"}".getBytes(StandardCharsets.UTF_8);
        assertProblem(post("/things/1", body, "application/json"), 400, "body");
    }

    @Test
    void refusesANulInAStringAndNamesItsField() throws Exception {
        assertProblem(post("{\"label\":\"nul\\u0000label\"}"), 400, "label");
        assertProblem(post("{\"fields\":{\"k\":[\"ok\",\"v\\u0000\"]}}"), 400, "fields.k[1]");
        assertProblem(post("{\"fields\":{\"k\\u0000\":1}}"), 400, "fields");
    }

    @Test
    void refusesANumberBeyondADoubleAndNamesItsField() throws Exception {
        assertProblem(post("{\"fields\":{\"k\":[1,1e400]}}"), 400, "fields.k[1]");
        assertProblem(post("{\"fields\":{\"min\":-1e400}}"), 400, "fields.min");
        assertThat(post("{\"fields\":{\"k\":1.7e308}}").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"active\":2}", "{\"active\":\"true\"}", "{\"label\":12}", "{\"label\":true}",
            "{\"version\":\"3\"}", "{\"version\":1.5}", "{\"version\":9223372036854775808}", "{\"tags\":\"one\"}"})
    void refusesCoercionBetweenScalarsNamingTheField(String body) throws Exception {
        Answer answer = post(body);
        String field = body.substring(2, body.indexOf('"', 2));
        assertProblem(answer, 400, field);
        assertThat(answer.body()).doesNotContain("org.tributary");
    }

    @Test
    void refusesDuplicateKeys() throws Exception {
        assertProblem(post("{\"label\":\"a\",\"label\":\"b\"}"), 400, "body");
    }

    @Test
    void refusesDeepNesting() throws Exception {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertProblem(post("{\"fields\":{\"k\":" + deep + "}}"), 413, "body");
        String lessDeep = "[".repeat(100) + "]".repeat(100);
        assertProblem(post("{\"fields\":{\"k\":" + lessDeep + "}}"), 400, "body");
    }

    @Test
    void refusesABodyOverTheLimitWith413() throws Exception {
        assertProblem(post("{\"label\":\"" + "x".repeat(2000) + "\"}"), 413, "body");
    }

    @Test
    void refusesATruncatedBody() throws Exception {
        assertProblem(post("{\"label\":\"a"), 400, "body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/things/x", "/things/9223372036854775808"})
    void answersAPathVariableOfTheWrongTypeWithAProblemNamingIt(String path) throws Exception {
        assertProblem(post(path, "{}".getBytes(), "application/json"), 400, "id");
    }

    @Test
    void answersAQueryParameterOfTheWrongTypeOrMissingWithAProblemNamingIt() throws Exception {
        assertProblem(raw("GET /things?page_size=ten HTTP/1.1\r\nX-Run: r"), 400, "page_size");
        assertProblem(raw("GET /things HTTP/1.1\r\nX-Run: r"), 400, "page_size");
    }

    @Test
    void answersAMissingHeaderWithAProblemNamingIt() throws Exception {
        assertProblem(raw("GET /things?page_size=1 HTTP/1.1"), 400, "X-Run");
    }

    @Test
    void answersAMethodNotServedWithAProblemAndTheAllowedOnes() throws Exception {
        Answer answer = raw("DELETE /things/1 HTTP/1.1");
        assertProblem(answer, 405, "method");
        assertThat(answer.json().get("detail").asText()).contains("POST");
    }

    @Test
    void answersAContentTypeNotTakenWithAProblemNamingIt() throws Exception {
        assertProblem(post("/things/1", "label".getBytes(), "text/plain"), 415, "Content-Type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/things/%2F", "/things/%5C", "/things/%00", "/things/a%2Fb"})
    void answersTomcatsOwnRefusalsOfAPathWithAProblem(String path) throws Exception {
        assertProblem(raw("GET " + path + " HTTP/1.1"), 400, "path");
    }

    @Test
    void answersTraceWithAProblem() throws Exception {
        assertProblem(raw("TRACE /things/1 HTTP/1.1"), 405, "method");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", "garbage", "a/b/c"})
    void refusesAContentTypeThatIsNotOneMediaType(String contentType) throws Exception {
        assertProblem(post("/things/1", "{}".getBytes(), contentType), 415, "Content-Type");
    }

    @Test
    void answersAnUnknownPathWithAProblem() throws Exception {
        Answer answer = raw("GET /nothing/here HTTP/1.1");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }
}
