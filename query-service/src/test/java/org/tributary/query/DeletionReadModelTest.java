package org.tributary.query;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tributary.domain.datapackage.api.PackageDeleted;
import org.tributary.domain.job.api.JobDeleted;
import org.tributary.domain.project.api.DataLayerDeleted;
import org.tributary.domain.project.api.DataLayerUpdated;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.domain.project.api.ProjectDeleted;
import org.tributary.domain.shared.DataLayerKind;
import org.tributary.testsupport.TestDatabase;
import org.tributary.testsupport.TestEventStore;
import org.tributary.testsupport.TestS3;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tributary.query.Scenario.DATA_NODE;
import static org.tributary.query.Scenario.EXPERIMENT;
import static org.tributary.query.Scenario.FAILED_JOB;
import static org.tributary.query.Scenario.MAIN;
import static org.tributary.query.Scenario.PROJECT;
import static org.tributary.query.Scenario.REPORT;
import static org.tributary.query.Scenario.REPORT_JOB;
import static org.tributary.query.Scenario.TRAIN;
import static org.tributary.query.Scenario.UPLOAD;

/** What was deleted leaves the read models: packages, jobs, data layers, whole projects. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = QueryServiceApplication.CONFIG_NAME)
class DeletionReadModelTest {

    static final TestDatabase DB = TestDatabase.create("query_deletion");
    static final TestEventStore EVENTS = TestEventStore.create(DB);
    static final TestS3 S3 = TestS3.start();
    static final long GONE = 90;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ReadModel.serve(registry, DB, S3);
    }

    @BeforeAll
    static void appendEvents() {
        new Scenario(EVENTS).appendAll();
        EVENTS.append("Project", Long.toString(GONE), new ProjectCreated(GONE, "doomed", null));
        EVENTS.append("Project", Long.toString(GONE), new ProjectDeleted(GONE));
        EVENTS.append("DataPackage", Long.toString(UPLOAD), new PackageDeleted(UPLOAD, PROJECT, TRAIN, MAIN));
        EVENTS.append("Job", Long.toString(FAILED_JOB), new JobDeleted(FAILED_JOB, PROJECT, REPORT, MAIN));
        EVENTS.append("Project", Long.toString(PROJECT), new DataLayerUpdated(PROJECT, MAIN, "main-2", "the one",
                false, DataLayerKind.SHARED, null));
        EVENTS.append("Project", Long.toString(PROJECT), new DataLayerDeleted(PROJECT, EXPERIMENT));
    }

    @AfterAll
    static void stopS3() {
        S3.close();
    }

    @Autowired
    TestRestTemplate http;

    @BeforeEach
    void signIn() {
        ReadModel.asAdmin(http);
        // until the projections reach the last event: the project may not be there at all before
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> ReadModel.get(http, "/api/projects/"
                + PROJECT + "/data_layers").size() == 1);
    }

    int status(String path) {
        return http.getForEntity(path, String.class).getStatusCode().value();
    }

    @Test
    void aDeletedPackageIsGoneAndItsChildrenNoLongerNameIt() {
        assertThat(status("/api/projects/" + PROJECT + "/nodes/" + TRAIN + "/packages/" + UPLOAD)).isEqualTo(404);
        JsonNode child = ReadModel.get(http, "/api/projects/" + PROJECT + "/nodes/" + TRAIN + "/packages/"
                + Scenario.TRAINED);
        assertThat(child.toString()).doesNotContain("\"" + UPLOAD + "\"");
    }

    @Test
    void aDeletedJobNoLongerCountsForThePackagesItTook() {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        JsonNode many = ReadModel.json(http.postForEntity("/api/projects/" + PROJECT + "/nodes/" + REPORT
                + "/packages/search", new org.springframework.http.HttpEntity<>("{\"master_id\": 0, "
                + "\"jobs_filter_op\": \">\", \"jobs_filter_count_value\": 1}", headers), String.class).getBody());
        // in the scenario the delivered package made two jobs at its node; one of them is deleted
        assertThat(many.get("total").asLong()).isZero();
        JsonNode one = ReadModel.json(http.postForEntity("/api/projects/" + PROJECT + "/nodes/" + REPORT
                + "/packages/search", new org.springframework.http.HttpEntity<>("{\"master_id\": 0, "
                + "\"jobs_filter_op\": \"=\", \"jobs_filter_count_value\": 1}", headers), String.class).getBody());
        assertThat(one.get("items").get(0).get("id").asLong()).isEqualTo(Scenario.DELIVERED);
    }

    @Test
    void aDeletedJobIsGoneAndTheOthersStay() {
        assertThat(status("/api/projects/" + PROJECT + "/jobs/" + FAILED_JOB)).isEqualTo(404);
        assertThat(status("/api/projects/" + PROJECT + "/jobs/" + REPORT_JOB)).isEqualTo(200);
    }

    @Test
    void aDeletedLayerTakesItsPackagesWith() {
        JsonNode layers = ReadModel.get(http, "/api/projects/" + PROJECT + "/data_layers");
        assertThat(layers.findValuesAsText("id")).containsExactly(Long.toString(MAIN));
        JsonNode packages = ReadModel.get(http, "/api/projects/" + PROJECT + "/nodes/" + DATA_NODE
                + "/packages?page_size=50");
        assertThat(packages.get("total").asLong()).isEqualTo(3);
    }

    @Test
    void anEditedLayerShowsItsNewLabelAndState() {
        JsonNode main = ReadModel.get(http, "/api/projects/" + PROJECT + "/data_layers").get(0);
        assertThat(main.get("label").asText()).isEqualTo("main-2");
        assertThat(main.get("is_active").asBoolean()).isFalse();
    }

    @Test
    void aDeletedProjectIsGone() {
        assertThat(status("/api/projects/" + GONE)).isIn(HttpStatus.NOT_FOUND.value());
        assertThat(ReadModel.get(http, "/api/projects").toString()).doesNotContain("doomed");
    }
}
