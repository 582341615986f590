package org.tributary.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tributary.testsupport.TestDatabase;
import org.tributary.testsupport.TestEventStore;
import org.tributary.testsupport.TestS3;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tributary.query.Scenario.*;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = QueryServiceApplication.CONFIG_NAME)
class QueryApiTest {

    static final TestDatabase DB = TestDatabase.create("query_api");
    static final TestEventStore EVENTS = TestEventStore.create(DB);
    static final TestS3 S3 = TestS3.start();
    static Scenario scenario;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ReadModel.serve(registry, DB, S3);
    }

    @BeforeAll
    static void appendEvents() throws Exception {
        Scenario.storeObjects(S3);
        scenario = new Scenario(EVENTS).appendAll();
    }

    @AfterAll
    static void stopS3() {
        S3.close();
    }

    @Autowired
    TestRestTemplate http;

    @org.junit.jupiter.api.BeforeEach
    void signIn() {
        ReadModel.asAdmin(http);
    }

    final ObjectMapper mapper = new ObjectMapper();

    @Test
    void showsProjectWithVersionOfItsLastEvent() {
        JsonNode project = ReadModel.awaitJson(http, "/api/projects/" + PROJECT, p -> p.path("version").asLong() == scenario.projectVersion);
        assertThat(project.get("id").asLong()).isEqualTo(PROJECT);
        assertThat(project.get("name").asText()).isEqualTo("demo");
        assertThat(project.get("executor_id").asLong()).isEqualTo(EXECUTOR);
        assertThat(Instant.parse(project.get("created_at").asText())).isBefore(Instant.now());
        ResponseEntity<String> response = http.getForEntity("/api/projects/" + PROJECT, String.class);
        assertThat(response.getHeaders().getETag()).isEqualTo("\"" + scenario.projectVersion + "\"");

        JsonNode projects = ReadModel.get(http, "/api/projects");
        assertThat(projects.get("total").asLong()).isEqualTo(1);
        assertThat(projects.get("items").get(0).get("version").asLong()).isEqualTo(scenario.projectVersion);
        assertThat(projects.get("items").get(0).get("label").asText()).isEqualTo("demo");
    }

    @Test
    void countsEachNodesPackagesAndJobsInALayerForTheEditorsBadges() {
        JsonNode summary = ReadModel.awaitJson(http, "/api/projects/" + PROJECT + "/data_layers/" + MAIN + "/summary",
                s -> s.toString().contains("\"Error\":1") && s.toString().contains("\"packages\":3"));
        Map<Long, JsonNode> byNode = new java.util.HashMap<>();
        summary.forEach(n -> byNode.put(n.get("node_id").asLong(), n));

        // a deleted node has no badges
        assertThat(byNode.keySet()).containsExactlyInAnyOrder(DATA_NODE, TRAIN, REPORT);
        // the upload made a job; its output is the node's product, which never waits for a job there
        assertThat(byNode.get(TRAIN).get("packages").asLong()).isEqualTo(2);
        assertThat(byNode.get(TRAIN).get("waiting").asLong()).isZero();
        assertThat(byNode.get(TRAIN).get("jobs").toString()).isEqualTo("{\"Processed\":1}");
        assertThat(byNode.get(REPORT).get("jobs").toString()).isEqualTo("{\"Error\":1,\"Processed\":1}");
        // the data node's packages in this layer only, and no jobs
        assertThat(byNode.get(DATA_NODE).get("packages").asLong()).isEqualTo(3);
        // packages that came to a node and made no job there wait (a data node keeps them)
        assertThat(byNode.get(DATA_NODE).get("waiting").asLong()).isEqualTo(3);
        assertThat(byNode.get(DATA_NODE).get("jobs").size()).isZero();
    }

    @Test
    void answers404ForTheSummaryOfALayerTheProjectDoesNotHave() {
        ResponseEntity<String> response = http.getForEntity("/api/projects/" + PROJECT + "/data_layers/999/summary",
                String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void showsNodesWithContainerParametersValuesActivityAndFiles() throws Exception {
        awaitProjectVersion();
        JsonNode nodes = ReadModel.get(http, "/api/projects/" + PROJECT + "/nodes");
        assertThat(ids(nodes)).containsExactly(DATA_NODE, TRAIN, REPORT);

        JsonNode train = ReadModel.get(http, "/api/projects/" + PROJECT + "/nodes/" + TRAIN);
        assertThat(train.get("label").asText()).isEqualTo("train");
        assertThat(train.get("kind").asText()).isEqualTo("compute");
        assertThat(train.get("x").asDouble()).isEqualTo(100);
        assertThat(train.get("executor_id").isNull()).isTrue();
        JsonNode container = train.get("container");
        assertThat(container.get("image").asText()).isEqualTo("python:3.12-slim");
        assertThat(container.get("script").asText()).isEqualTo("python run.py");
        assertThat(container.get("memory").asText()).isEqualTo("512Mi");
        assertThat(container.get("cores").asInt()).isEqualTo(1);
        assertThat(container.get("gpus").asInt()).isZero();
        assertThat(container.has("gpu_kind")).isTrue();
        assertThat(container.get("time_limit_minutes").asInt()).isZero();
        assertThat(container.get("priority").asText()).isEqualTo("normal");
        assertThat(container.has("image_pull_policy")).isTrue();
        assertThat(container.get("parallel_jobs").asInt()).isZero();

        JsonNode parameters = train.get("parameters");
        assertThat(parameters).hasSize(4);
        assertThat(parameters.get(0).get("name").asText()).isEqualTo("alpha");
        assertThat(parameters.get(0).get("label").asText()).isEqualTo("Alpha");
        assertThat(parameters.get(0).get("type").asText()).isEqualTo("number");
        assertThat(parameters.get(0).get("default_value").asDouble()).isEqualTo(0.5);
        assertThat(parameters.get(0).get("config").get("max").asInt()).isEqualTo(1);
        assertThat(parameters.get(2).get("type").asText()).isEqualTo("number");
        // beta left the schema and mode became a number: their values are gone, the others stay
        JsonNode values = train.get("parameter_values");
        assertThat(values.size()).isEqualTo(1);
        assertThat(mapper.writeValueAsString(values.get(Long.toString(MAIN))))
                .isEqualTo("{\"alpha\":0.7,\"range\":[2,5]}");
        assertThat(ids(train.get("active_layers"))).containsExactly(MAIN, EXPERIMENT);

        JsonNode file = train.get("files").get(0);
        assertThat(file.get("name").asText()).isEqualTo("run.py");
        assertThat(file.get("content_hash").asText()).isEqualTo(RUN_PY.sha256());
        assertThat(file.get("size").asLong()).isEqualTo(SCRIPT.length);
        assertThat(file.get("is_executable").asBoolean()).isTrue();
        assertThat(file.get("type").asText()).isEqualTo("text/x-python");
        assertThat(file.get("is_binary").asBoolean()).isFalse();
        // the original platform's names beside Tributary's: type for kind, the node's program files on their own
        assertThat(train.get("type").asText()).isEqualTo("compute");
        JsonNode nodeFiles = ReadModel.get(http, "/api/projects/" + PROJECT + "/nodes/" + TRAIN + "/files");
        assertThat(nodeFiles.get(0).get("name").asText()).isEqualTo("run.py");
        assertThat(nodeFiles.get(0).get("is_binary").asBoolean()).isFalse();
        assertThat(nodeFiles.get(0).get("content").asText()).startsWith("http");

        JsonNode report = ReadModel.get(http, "/api/projects/" + PROJECT + "/nodes/" + REPORT);
        assertThat(report.get("x").asDouble()).isEqualTo(320);
        assertThat(report.get("executor_id").asLong()).isEqualTo(EXECUTOR);
        assertThat(ids(report.get("active_layers"))).containsExactly(MAIN);

        JsonNode inbox = ReadModel.get(http, "/api/projects/" + PROJECT + "/nodes/" + DATA_NODE);
        assertThat(inbox.get("kind").asText()).isEqualTo("data");
        assertThat(inbox.get("container").isNull()).isTrue();
    }

    @Test
    void showsLinksWithoutDeletedOnes() {
        awaitProjectVersion();
        JsonNode links = ReadModel.get(http, "/api/projects/" + PROJECT + "/links");
        assertThat(ids(links)).containsExactly(30L, 31L);
        JsonNode first = links.get(0);
        assertThat(first.get("from_node_id").asLong()).isEqualTo(DATA_NODE);
        assertThat(first.get("to_node_id").asLong()).isEqualTo(TRAIN);
        assertThat(first.get("src_id").asLong()).isEqualTo(DATA_NODE);
        assertThat(first.get("dst_id").asLong()).isEqualTo(TRAIN);
        assertThat(first.get("type").asText()).isEqualTo("push");
        assertThat(first.get("package_filter").asText()).isEqualTo("^run");
        assertThat(first.get("mapping").get("input.csv").asText()).isEqualTo("data.csv");
        assertThat(links.get(1).get("package_filter").asText()).isEmpty();
    }

    @Test
    void deletedNodeIsGone() {
        awaitProjectVersion();
        ResponseEntity<String> response = http.getForEntity("/api/projects/" + PROJECT + "/nodes/" + SCRATCH,
                String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(ReadModel.json(response.getBody()).get("field").asText()).isEqualTo("node_id");
    }

    @Test
    void listsDataLayersAndTheNewest() {
        awaitProjectVersion();
        JsonNode layers = ReadModel.get(http, "/api/projects/" + PROJECT + "/data_layers");
        assertThat(layers).hasSize(2);
        assertThat(layers.get(0).get("id").asLong()).isEqualTo(MAIN);
        assertThat(layers.get(0).get("label").asText()).isEqualTo("main");
        assertThat(layers.get(0).get("kind").asText()).isEqualTo("shared");
        assertThat(layers.get(0).get("is_active").asBoolean()).isTrue();
        assertThat(layers.get(0).get("is_personal").asBoolean()).isFalse();
        assertThat(layers.get(0).has("description")).isTrue();
        JsonNode one = ReadModel.get(http, "/api/projects/" + PROJECT + "/data_layers/" + EXPERIMENT);
        assertThat(one.get("label").asText()).isEqualTo("experiment");
        assertThat(one.get("is_personal").asBoolean()).isTrue();
        JsonNode last = ReadModel.get(http, "/api/projects/" + PROJECT + "/data_layers/last");
        assertThat(last.get("id").asLong()).isEqualTo(EXPERIMENT);
        assertThat(last.get("kind").asText()).isEqualTo("personal");
    }

    @Test
    void listsPackagesAtANodeNewestFirstInPages() {
        awaitPackages(DATA_NODE, 5);
        String base = "/api/projects/" + PROJECT + "/nodes/" + DATA_NODE + "/packages";
        JsonNode first = ReadModel.get(http, base + "?page=1&page_size=2");
        assertThat(first.get("total").asLong()).isEqualTo(5);
        assertThat(ids(first.get("items"))).containsExactly(LAST_PLAIN, LAST_PLAIN - 1);
        JsonNode last = ReadModel.get(http, base + "?page=3&page_size=2");
        assertThat(ids(last.get("items"))).containsExactly(FIRST_PLAIN);
        JsonNode beyond = ReadModel.get(http, base + "?page=4&page_size=2");
        assertThat(beyond.get("items")).isEmpty();
        assertThat(beyond.get("total").asLong()).isEqualTo(5);

        JsonNode inMain = ReadModel.get(http, base + "?data_layer_id=" + MAIN + "&page_size=10");
        assertThat(ids(inMain.get("items"))).containsExactly(114L, 112L, 110L);
        assertThat(inMain.get("total").asLong()).isEqualTo(3);
    }

    @Test
    void showsAPackageWithFieldsFilesAndLineage() {
        awaitPackages(REPORT, 2);
        JsonNode upload = ReadModel.get(http, "/api/projects/" + PROJECT + "/nodes/" + TRAIN + "/packages/" + UPLOAD);
        assertThat(upload.get("id").asLong()).isEqualTo(UPLOAD);
        assertThat(upload.get("label").asText()).isEqualTo("run-1");
        assertThat(upload.get("fields").toString())
                .isEqualTo("[{\"name\":\"x\",\"value\":[1,2]},{\"name\":\"note\",\"value\":\"first\"}]");
        assertThat(upload.get("origin").asText()).isEqualTo("uploaded");
        assertThat(upload.get("job_id").isNull()).isTrue();
        assertThat(upload.get("node_id").asLong()).isEqualTo(TRAIN);
        assertThat(upload.get("data_layer_id").asLong()).isEqualTo(MAIN);
        assertThat(upload.get("parents")).isEmpty();
        assertThat(upload.get("created_at").asText()).isNotBlank();
        JsonNode file = upload.get("files").get(0);
        assertThat(file.get("name").asText()).isEqualTo("data.csv");
        assertThat(file.get("content_hash").asText()).isEqualTo(DATA_FILE.sha256());
        assertThat(file.get("size").asLong()).isEqualTo(DATA.length);
        assertThat(file.get("is_executable").asBoolean()).isFalse();
        assertThat(file.get("type").asText()).isEqualTo("text/csv");

        JsonNode delivered = ReadModel.get(http, "/api/projects/" + PROJECT + "/nodes/" + REPORT + "/packages/" + DELIVERED);
        assertThat(delivered.get("origin").asText()).isEqualTo("delivered");
        assertThat(delivered.get("job_id").asLong()).isEqualTo(TRAIN_JOB);
        assertThat(ids(delivered.get("parents"))).containsExactly(UPLOAD);
        assertThat(delivered.get("files").get(0).get("name").asText()).isEqualTo("result.txt");
    }

    @Test
    void presignedFileUrlDownloadsTheObjectFromS3() throws Exception {
        awaitPackages(TRAIN, 2);
        JsonNode files = ReadModel.get(http, "/api/projects/" + PROJECT + "/nodes/" + TRAIN + "/packages/" + UPLOAD + "/files");
        assertThat(files).hasSize(1);
        JsonNode file = files.get(0);
        assertThat(file.get("name").asText()).isEqualTo("data.csv");
        assertThat(file.get("content_hash").asText()).isEqualTo(DATA_FILE.sha256());
        assertThat(file.get("is_executable").asBoolean()).isFalse();
        assertThat(file.get("size").asLong()).isEqualTo(DATA.length);
        assertThat(file.get("type").asText()).isEqualTo("text/csv");
        String url = file.get("content").asText();
        assertThat(url).startsWith(S3.endpoint() + "/tributary-project-" + PROJECT + "/" + DATA_FILE.sha256());
        assertThat(download(url)).isEqualTo(DATA);
    }

    @Test
    void searchFindsDescendantsOverThreeGenerations() {
        awaitPackages(REPORT, 2);
        String report = "/api/projects/" + PROJECT + "/nodes/" + REPORT + "/packages/search";
        JsonNode fromUpload = post(report + "?data_layer_id=" + MAIN + "&page=1&page_size=10",
                "{\"master_id\": " + UPLOAD + "}");
        assertThat(ids(fromUpload.get("items"))).containsExactly(REPORTED, DELIVERED);
        assertThat(fromUpload.get("total").asLong()).isEqualTo(2);
        JsonNode item = fromUpload.get("items").get(0);
        assertThat(item.get("label").asText()).isEqualTo("report");
        assertThat(item.get("fields").toString()).isEqualTo("[{\"name\":\"pages\",\"value\":3}]");

        // the delivered package lists the job's inputs as parents; it still descends from the output it copies
        JsonNode fromOutput = post(report, "{\"master_id\": " + TRAINED + "}");
        assertThat(ids(fromOutput.get("items"))).containsExactly(REPORTED, DELIVERED);

        JsonNode paged = post(report + "?page=2&page_size=1", "{\"master_id\": " + UPLOAD + "}");
        assertThat(ids(paged.get("items"))).containsExactly(DELIVERED);
        assertThat(paged.get("total").asLong()).isEqualTo(2);

        JsonNode atTrain = post("/api/projects/" + PROJECT + "/nodes/" + TRAIN + "/packages/search",
                "{\"master_id\": " + UPLOAD + "}");
        assertThat(ids(atTrain.get("items"))).containsExactly(TRAINED);

        JsonNode otherLayer = post(report + "?data_layer_id=" + EXPERIMENT, "{\"master_id\": " + UPLOAD + "}");
        assertThat(otherLayer.get("items")).isEmpty();
        assertThat(otherLayer.get("total").asLong()).isZero();
    }

    @Test
    void searchWithMasterZeroListsTheNodesPackagesInTheOrderAsked() {
        awaitPackages(REPORT, 2);
        String report = "/api/projects/" + PROJECT + "/nodes/" + REPORT + "/packages/search";
        JsonNode newest = post(report, "{\"master_id\": 0, \"sort_by\": \"id\", \"field_filter_name\": \"\","
                + " \"field_filter_op\": \"\", \"field_filter_value\": \"\", \"jobs_filter_op\": \"\","
                + " \"jobs_filter_count_value\": 0}");
        assertThat(ids(newest.get("items"))).containsExactly(REPORTED, DELIVERED);
        JsonNode oldest = post(report, "{\"master_id\": 0, \"descending\": false}");
        assertThat(ids(oldest.get("items"))).containsExactly(DELIVERED, REPORTED);
    }

    @Test
    void searchFiltersOnAFieldAsANumberOrAsText() {
        awaitPackages(DATA_NODE, 5);
        String search = "/api/projects/" + PROJECT + "/nodes/" + DATA_NODE + "/packages/search?page_size=50";
        JsonNode above = post(search, "{\"master_id\": 0, \"field_filter_name\": \"i\", \"field_filter_op\": \">\","
                + " \"field_filter_value\": \"112\"}");
        assertThat(ids(above.get("items"))).containsExactly(LAST_PLAIN, LAST_PLAIN - 1);
        assertThat(above.get("total").asLong()).isEqualTo(2);
        assertThat(ids(post(search, "{\"master_id\": 0, \"field_filter_name\": \"i\", \"field_filter_op\": \"equal\","
                + " \"field_filter_value\": 111}").get("items"))).containsExactly(111L);
        String train = "/api/projects/" + PROJECT + "/nodes/" + TRAIN + "/packages/search";
        assertThat(ids(post(train, "{\"master_id\": 0, \"field_filter_name\": \"note\", \"field_filter_op\":"
                + " \"contains\", \"field_filter_value\": \"IRS\"}").get("items"))).containsExactly(UPLOAD);
        assertThat(post(search, "{\"master_id\": 0, \"field_filter_name\": \"missing\", \"field_filter_op\":"
                + " \"!=\", \"field_filter_value\": 1}").get("total").asLong()).isZero();
    }

    @Test
    void searchFiltersOnHowManyJobsAPackageMadeAtItsNode() {
        awaitPackages(REPORT, 2);
        ReadModel.awaitJson(http, "/api/projects/" + PROJECT + "/jobs/" + FAILED_JOB, j -> j.has("id"));
        String report = "/api/projects/" + PROJECT + "/nodes/" + REPORT + "/packages/search";
        assertThat(ids(post(report, "{\"master_id\": 0, \"jobs_filter_op\": \"<\", \"jobs_filter_count_value\": 1}")
                .get("items"))).containsExactly(REPORTED);
        assertThat(ids(post(report, "{\"master_id\": 0, \"jobs_filter_op\": \"greater\","
                + " \"jobs_filter_count_value\": 1}").get("items"))).containsExactly(DELIVERED);
    }

    @Test
    void thePackageArchiveHoldsLabelFieldsAndFilesOfEachPackage() throws Exception {
        awaitPackages(TRAIN, 2);
        String download = "/api/projects/" + PROJECT + "/nodes/" + TRAIN + "/packages/download?data_layer_id=" + MAIN;
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        ResponseEntity<byte[]> response = http.exchange(download, HttpMethod.POST,
                new org.springframework.http.HttpEntity<>("{\"packages\": [" + UPLOAD + "]}", headers), byte[].class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, String> entries = untar(response.getBody());
        assertThat(entries.keySet()).containsExactly(UPLOAD + "/label", UPLOAD + "/fields.json",
                UPLOAD + "/files/data.csv");
        assertThat(entries.get(UPLOAD + "/label")).isEqualTo("run-1");
        assertThat(entries.get(UPLOAD + "/fields.json")).isEqualTo("{\n  \"x\": [\n    1,\n    2\n  ],\n  \"note\": \"first\"\n}");
        assertThat(entries.get(UPLOAD + "/files/data.csv")).isEqualTo(new String(DATA, StandardCharsets.UTF_8));
        assertProblem(HttpMethod.POST, download.replace("/nodes/" + TRAIN, "/nodes/" + REPORT),
                "{\"packages\": [" + UPLOAD + "]}", HttpStatus.NOT_FOUND, "packages[0]");
    }

    /** Entry names and contents of a ustar archive, in order. */
    static Map<String, String> untar(byte[] tar) {
        Map<String, String> entries = new java.util.LinkedHashMap<>();
        int at = 0;
        while (at + 512 <= tar.length && tar[at] != 0) {
            String name = new String(tar, at, 100, StandardCharsets.US_ASCII).replace("\0", "");
            long size = Long.parseLong(new String(tar, at + 124, 11, StandardCharsets.US_ASCII).trim(), 8);
            entries.put(name, new String(tar, at + 512, (int) size, StandardCharsets.UTF_8));
            at += 512 + (int) ((size + 511) / 512 * 512);
        }
        return entries;
    }

    @Test
    void parameterValuesOfALayerAreReadBySchemaIdWithDefaultsWhereTheLayerSetsNone() {
        awaitProjectVersion();
        JsonNode values = ReadModel.get(http, "/api/projects/" + PROJECT + "/nodes/" + TRAIN
                + "/param_values?data_layer_id=" + MAIN);
        assertThat(values.findValuesAsText("id")).containsExactly("1", "1", "2", "2", "3", "3", "4", "4");
        assertThat(values.get(0).get("node_param_schema").get("name").asText()).isEqualTo("alpha");
        assertThat(values.get(0).get("node_param_schema").get("default_value").asDouble()).isEqualTo(0.5);
        assertThat(values.get(0).get("value").asDouble()).isEqualTo(0.7);
        assertThat(values.get(2).get("value").asInt()).as("mode: its value left with its old type").isEqualTo(2);
        assertThat(values.get(3).get("value").asText()).isEqualTo("run");
    }

    @Test
    void searchSortsByLabel() {
        awaitPackages(DATA_NODE, 5);
        String search = "/api/projects/" + PROJECT + "/nodes/" + DATA_NODE + "/packages/search?page_size=2";
        assertThat(ids(post(search, "{\"master_id\": 0, \"sort_by\": \"label\", \"descending\": false}")
                .get("items"))).containsExactly(FIRST_PLAIN, FIRST_PLAIN + 1);
    }

    @Test
    void anUnknownOperatorOrOrderIsRefusedNeverIgnored() {
        awaitProjectVersion();
        String search = "/api/projects/" + PROJECT + "/nodes/" + REPORT + "/packages/search";
        assertProblem(HttpMethod.POST, search, "{\"master_id\": 0, \"field_filter_name\": \"pages\","
                + " \"field_filter_op\": \"~\", \"field_filter_value\": 2}", HttpStatus.BAD_REQUEST, "field_filter_op");
        assertProblem(HttpMethod.POST, search, "{\"master_id\": 0, \"field_filter_name\": \"pages\"}",
                HttpStatus.BAD_REQUEST, "field_filter_op");
        assertProblem(HttpMethod.POST, search, "{\"master_id\": 0, \"jobs_filter_count_value\": 1}",
                HttpStatus.BAD_REQUEST, "jobs_filter_op");
        assertProblem(HttpMethod.POST, search, "{\"master_id\": 0, \"jobs_filter_op\": \"contains\","
                + " \"jobs_filter_count_value\": 1}", HttpStatus.BAD_REQUEST, "jobs_filter_op");
        assertProblem(HttpMethod.POST, search, "{\"master_id\": 0, \"sort_by\": \"size\"}",
                HttpStatus.BAD_REQUEST, "sort_by");
    }

    @Test
    void showsAProcessedJobWithHistoryFilesAndLog() throws Exception {
        JsonNode job = ReadModel.awaitJson(http, "/api/projects/" + PROJECT + "/jobs/" + TRAIN_JOB,
                j -> "Processed".equals(j.path("status").asText()));
        assertThat(job.get("node_id").asLong()).isEqualTo(TRAIN);
        assertThat(job.get("data_layer_id").asLong()).isEqualTo(MAIN);
        assertThat(job.get("executor_id").asLong()).isEqualTo(EXECUTOR);
        assertThat(job.get("claimed_at").asText()).isNotBlank();
        List<String> statuses = new ArrayList<>();
        Instant previous = Instant.MIN;
        for (JsonNode entry : job.get("history")) {
            statuses.add(entry.get("status").asText());
            Instant at = Instant.parse(entry.get("at").asText());
            assertThat(at).isAfterOrEqualTo(previous);
            previous = at;
        }
        assertThat(statuses).containsExactly("Created", "Dispatched", "Queued", "Started", "Downloaded",
                "Calculated", "Uploaded", "Produced", "Processed");
        assertThat(ids(job.get("inputs"))).containsExactly(UPLOAD);
        assertThat(job.get("fields").toString())
                .isEqualTo("[{\"name\":\"alpha\",\"value\":0.7},{\"name\":\"name\",\"value\":\"run\"}]");
        assertThat(job.get("container").get("image").asText()).isEqualTo("python:3.12-slim");
        assertThat(ids(job.get("outputs"))).containsExactly(TRAINED);
        assertThat(job.get("exit_code").asInt()).isZero();
        assertThat(job.get("error").isNull()).isTrue();
        assertThat(job.get("image_digest").asText()).startsWith("sha256:");
        assertThat(job.get("files")).hasSize(3);
        JsonNode result = job.get("files").get(1);
        assertThat(result.get("name").asText()).isEqualTo("out/1/files/result.txt");
        assertThat(result.get("content").asText()).contains(RESULT.sha256());
        JsonNode log = job.get("log");
        assertThat(log.get("name").asText()).isEqualTo(TRAIN_JOB + ".log");
        assertThat(new String(download(log.get("content").asText()))).isEqualTo("log of 200");
        assertThat(job.get("created_at").asText()).isNotBlank();
    }

    @Test
    void showsAFailedJobWithItsErrorAndTheLogItLeft() throws Exception {
        JsonNode job = ReadModel.awaitJson(http, "/api/projects/" + PROJECT + "/jobs/" + FAILED_JOB,
                j -> "Error".equals(j.path("status").asText()));
        assertThat(job.get("error").asText()).isEqualTo("DownloadError");
        assertThat(job.get("message").asText()).isEqualTo("checksum mismatch for data.csv");
        assertThat(job.get("exit_code").isNull()).isTrue();
        assertThat(job.get("log").get("name").asText()).isEqualTo(FAILED_JOB + ".log");
        assertThat(new String(download(job.get("log").get("content").asText()))).isEqualTo("log of 202");
        List<String> statuses = new ArrayList<>();
        job.get("history").forEach(e -> statuses.add(e.get("status").asText()));
        assertThat(statuses).containsExactly("Created", "Dispatched", "Started", "Error");
    }

    @Test
    void listsJobsOfANodeNewestFirst() {
        ReadModel.awaitJson(http, "/api/projects/" + PROJECT + "/jobs/" + FAILED_JOB, j -> "Error".equals(j.path("status").asText()));
        JsonNode page = ReadModel.get(http, "/api/projects/" + PROJECT + "/nodes/" + REPORT + "/jobs?data_layer_id=" + MAIN);
        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(ids(page.get("items"))).containsExactly(FAILED_JOB, REPORT_JOB);
        assertThat(page.get("items").get(1).get("history")).hasSize(6);
        assertThat(page.get("items").get(1).get("outputs").get(0).asLong()).isEqualTo(REPORTED);
        JsonNode second = ReadModel.get(http, "/api/projects/" + PROJECT + "/nodes/" + REPORT + "/jobs?page=2&page_size=1");
        assertThat(ids(second.get("items"))).containsExactly(REPORT_JOB);
    }

    @Test
    void countsOnlyAMasterPackagesLineageWhenAsked() {
        String summary = "/api/projects/" + PROJECT + "/data_layers/" + MAIN + "/summary";
        ReadModel.awaitJson(http, summary, s -> s.toString().contains("\"Error\":1") && s.toString().contains("\"packages\":3"));
        Map<Long, JsonNode> byNode = new java.util.HashMap<>();
        ReadModel.get(http, summary + "?master_id=" + UPLOAD).forEach(n -> byNode.put(n.get("node_id").asLong(), n));

        // the upload, what its job made, what was delivered on and the jobs that took it; nothing of the data node's
        assertThat(byNode.get(TRAIN).get("packages").asLong()).isEqualTo(2);
        assertThat(byNode.get(TRAIN).get("jobs").toString()).isEqualTo("{\"Processed\":1}");
        assertThat(byNode.get(REPORT).get("jobs").toString()).isEqualTo("{\"Error\":1,\"Processed\":1}");
        assertThat(byNode.get(DATA_NODE).get("packages").asLong()).isZero();
        assertThat(ReadModel.get(http, summary + "?master_id=0").toString())
                .isEqualTo(ReadModel.get(http, summary).toString());
        assertProblem(HttpMethod.GET, summary + "?master_id=999", null, HttpStatus.NOT_FOUND, "master_id");
    }

    @Test
    void listsJobsOfANodeInTheStatusesAsked() {
        ReadModel.awaitJson(http, "/api/projects/" + PROJECT + "/jobs/" + FAILED_JOB, j -> "Error".equals(j.path("status").asText()));
        String jobs = "/api/projects/" + PROJECT + "/nodes/" + REPORT + "/jobs";
        JsonNode failed = ReadModel.get(http, jobs + "?status=error");
        assertThat(failed.get("total").asLong()).isEqualTo(1);
        assertThat(ids(failed.get("items"))).containsExactly(FAILED_JOB);
        assertThat(ids(ReadModel.get(http, jobs + "?status=Error&status=Processed").get("items")))
                .containsExactly(FAILED_JOB, REPORT_JOB);
        assertThat(ReadModel.get(http, jobs + "?status=Cancelled").get("total").asLong()).isZero();
        assertProblem(HttpMethod.GET, jobs + "?status=Finished", null, HttpStatus.BAD_REQUEST, "status");
    }

    @Test
    void listsExecutors() {
        JsonNode executors = ReadModel.awaitJson(http, "/api/executors", e -> e.size() == 1);
        JsonNode executor = executors.get(0);
        assertThat(executor.get("id").asLong()).isEqualTo(EXECUTOR);
        assertThat(executor.get("label").asText()).isEqualTo("local");
        assertThat(executor.get("capabilities").get("gpus").get("nvidia").asInt()).isEqualTo(2);
        assertThat(executor.get("capabilities").get("max_running_jobs").asInt()).isEqualTo(4);
    }

    @Test
    void unknownIdsAreNotFoundProblemsNamingTheField() {
        awaitProjectVersion();
        assertProblem(HttpMethod.GET, "/api/projects/999", null, HttpStatus.NOT_FOUND, "project_id");
        assertProblem(HttpMethod.GET, "/api/projects/999/nodes", null, HttpStatus.NOT_FOUND, "project_id");
        assertProblem(HttpMethod.GET, "/api/projects/" + PROJECT + "/nodes/999/packages", null,
                HttpStatus.NOT_FOUND, "node_id");
        assertProblem(HttpMethod.GET, "/api/projects/" + PROJECT + "/nodes/" + TRAIN + "/packages/" + REPORTED,
                null, HttpStatus.NOT_FOUND, "package_id");
        assertProblem(HttpMethod.GET, "/api/projects/" + PROJECT + "/nodes/" + TRAIN + "/packages?data_layer_id=999",
                null, HttpStatus.NOT_FOUND, "data_layer_id");
        assertProblem(HttpMethod.GET, "/api/projects/" + PROJECT + "/jobs/999", null, HttpStatus.NOT_FOUND, "job_id");
        assertProblem(HttpMethod.GET, "/api/executors/999", null, HttpStatus.NOT_FOUND, "executor_id");
    }

    @Test
    void searchingFromAMasterNotYetKnownFindsNothingYet() {
        // the original clients post a package and poll this search at once, before the read model has their package
        JsonNode none = post("/api/projects/" + PROJECT + "/nodes/" + REPORT + "/packages/search",
                "{\"master_id\": 999999}");
        assertThat(none.get("items")).isEmpty();
        assertThat(none.get("total").asLong()).isZero();
    }

    @Test
    void malformedRequestsAreBadRequestProblemsNamingTheField() {
        awaitProjectVersion();
        String packages = "/api/projects/" + PROJECT + "/nodes/" + TRAIN + "/packages";
        assertProblem(HttpMethod.GET, packages + "?page=0", null, HttpStatus.BAD_REQUEST, "page");
        assertProblem(HttpMethod.GET, packages + "?page_size=100000", null, HttpStatus.BAD_REQUEST, "page_size");
        assertProblem(HttpMethod.GET, "/api/projects/abc", null, HttpStatus.BAD_REQUEST, "project_id");
        assertProblem(HttpMethod.POST, packages + "/search", "{}", HttpStatus.BAD_REQUEST, "master_id");
        assertProblem(HttpMethod.POST, packages + "/search", "{not json", HttpStatus.BAD_REQUEST, "body");
    }

    // ---- helpers

    private void awaitProjectVersion() {
        ReadModel.awaitJson(http, "/api/projects/" + PROJECT, p -> p.path("version").asLong() == scenario.projectVersion);
    }

    private void awaitPackages(long nodeId, long total) {
        ReadModel.awaitJson(http, "/api/projects/" + PROJECT + "/nodes/" + nodeId + "/packages",
                p -> p.path("total").asLong() == total);
    }

    private JsonNode post(String path, String body) {
        ResponseEntity<String> response = http.exchange(path, HttpMethod.POST, jsonBody(body), String.class);
        assertThat(response.getStatusCode()).as(path + ": " + response.getBody()).isEqualTo(HttpStatus.OK);
        return ReadModel.json(response.getBody());
    }

    private void assertProblem(HttpMethod method, String path, String body, HttpStatus status, String field) {
        ResponseEntity<String> response = http.exchange(path, method, jsonBody(body), String.class);
        assertThat(response.getStatusCode()).as(path).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).as(path).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = ReadModel.json(response.getBody());
        assertThat(problem.get("status").asInt()).isEqualTo(status.value());
        assertThat(problem.get("field").asText()).as(path).isEqualTo(field);
        assertThat(problem.get("detail").asText()).isNotBlank();
    }

    private static HttpEntity<String> jsonBody(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(item -> ids.add(item.isObject() ? item.get("id").asLong() : item.asLong()));
        return ids;
    }

    /** A plain GET without credentials, as a browser or the job runner fetches it. */
    private static byte[] download(String url) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }
}
