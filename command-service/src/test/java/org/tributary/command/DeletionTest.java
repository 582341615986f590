package org.tributary.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tributary.command.routing.ProjectGraphs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Deleting packages, jobs, data layers and projects over HTTP, and what routing deletes after them. */
class DeletionTest extends GraphTestBase {

    @Test
    void deletingAPackageDeletesTheJobsItMadeAtItsNodeButNotThoseThatPulledIt() {
        long source = node("source", "data", null);
        long puller = node("puller", "compute", null);
        long work = node("work", "compute", null);
        link(source, puller, "pull", "", Map.of());
        long reference = upload(source, "reference", Map.of());
        upload(puller, "run", Map.of());
        await().atMost(PATIENCE).until(() -> jobsAt(puller).size() == 1);
        long doomed = upload(work, "doomed", Map.of());
        await().atMost(PATIENCE).until(() -> jobsAt(work).size() == 1);
        long job = jobsAt(work).get(0).get("jobId").asLong();
        long pulling = jobsAt(puller).get(0).get("jobId").asLong();

        Answer deleted = call("POST", "/api/projects/" + project + "/nodes/" + work + "/packages/delete",
                Map.of("packages", List.of(doomed)));
        assertThat(deleted.status()).as("%s", deleted.body()).isEqualTo(200);
        assertThat(call("DELETE", "/api/projects/" + project + "/nodes/" + source + "/packages/" + reference, null)
                .status()).isEqualTo(204);

        assertThat(eventTypes(doomed)).endsWith("PackageDeleted");
        await().atMost(PATIENCE).until(() -> eventTypes(job).contains("JobDeleted"));
        assertThat(eventTypes(job)).containsSubsequence("JobCancelled", "JobDeleted");
        routed();
        assertThat(eventTypes(pulling)).doesNotContain("JobDeleted");
        assertThat(call("DELETE", "/api/projects/" + project + "/nodes/" + work + "/packages/" + doomed, null)
                .status()).as("deleted already").isEqualTo(404);
    }

    @Test
    void aPackageOfAnotherNodeIsNotDeletedThroughThisOne() {
        long here = node("here", "data", null);
        long there = node("there", "data", null);
        long elsewhere = upload(there, "x", Map.of());

        Answer refused = call("POST", "/api/projects/" + project + "/nodes/" + here + "/packages/delete",
                Map.of("packages", List.of(elsewhere)));

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.body().get("field").asText()).isEqualTo("packages[0]");
        assertThat(eventTypes(elsewhere)).containsExactly("PackageCreated");
    }

    @Test
    void aPackageNamedTwiceIsRefusedAndNothingIsDeleted() {
        long here = node("here", "data", null);
        long kept = upload(here, "kept", Map.of());
        long other = upload(here, "other", Map.of());

        Answer refused = call("POST", "/api/projects/" + project + "/nodes/" + here + "/packages/delete",
                Map.of("packages", List.of(kept, other, kept)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("field").asText()).isEqualTo("packages[2]");
        assertThat(eventTypes(kept)).containsExactly("PackageCreated");
        assertThat(eventTypes(other)).containsExactly("PackageCreated");
    }

    @Test
    void aDataLayerIsEditedAndDeletedWithItsRunningJobs() {
        long work = node("work", "compute", null);
        Answer layer = call("POST", "/api/projects/" + project + "/data_layers", Map.of("label", "trial",
                "version", version));
        long trial = layer.id();
        Answer edited = call("PATCH", "/api/projects/" + project + "/data_layers/" + trial, Map.of("label",
                "trial-2", "description", "second go", "is_personal", true));
        assertThat(edited.status()).as("%s", edited.body()).isEqualTo(200);
        assertThat(call("POST", "/api/projects/" + project + "/nodes/" + work + "/packages?data_layer_id=" + trial,
                Map.of("label", "x")).status()).isEqualTo(201);
        await().atMost(PATIENCE).until(() -> jobsAt(work).size() == 1);
        long job = jobsAt(work).get(0).get("jobId").asLong();

        Answer deleted = call("DELETE", "/api/projects/" + project + "/data_layers/" + trial, null);
        assertThat(deleted.status()).isEqualTo(200);
        // JSON, as the original job library reads every answer
        assertThat(deleted.body().get("id").asLong()).isEqualTo(trial);
        assertThat(deleted.version()).isGreaterThan(edited.version());

        await().atMost(PATIENCE).until(() -> eventTypes(job).contains("JobDeleted"));
        assertThat(call("POST", "/api/projects/" + project + "/nodes/" + work + "/packages?data_layer_id=" + trial,
                Map.of("label", "y")).status()).isEqualTo(404);
        assertThat(call("DELETE", "/api/projects/" + project + "/data_layers/" + trial, null).status())
                .as("deleted already").isEqualTo(404);
        Answer last = call("DELETE", "/api/projects/" + project + "/data_layers/" + this.layer, null);
        assertThat(last.status()).as("the only layer left").isEqualTo(409);
        assertThat(last.body().get("field").asText()).isEqualTo("data_layer_id");
    }

    @Test
    void aDeletedProjectIsGoneAndItsRunningJobsWithIt() {
        long work = node("work", "compute", null);
        upload(work, "x", Map.of());
        await().atMost(PATIENCE).until(() -> jobsAt(work).size() == 1);
        long job = jobsAt(work).get(0).get("jobId").asLong();

        assertThat(call("DELETE", "/api/projects/" + project + "?version=1", null).status())
                .as("a stale version").isEqualTo(409);
        assertThat(call("DELETE", "/api/projects/" + project, null).status()).isEqualTo(204);

        await().atMost(PATIENCE).until(() -> eventTypes(job).contains("JobDeleted"));
        assertThat(call("POST", "/api/projects/" + project + "/nodes/" + work + "/packages?data_layer_id=" + layer,
                Map.of("label", "y")).status()).isEqualTo(404);
        assertThat(call("DELETE", "/api/projects/" + project, null).status()).isEqualTo(404);
    }

    @Test
    void theJobsOfANodeThatEndedInAStatusAreDeletedAndNoOthers() {
        long work = node("work", "compute", null);
        upload(work, "one", Map.of());
        upload(work, "two", Map.of());
        await().atMost(PATIENCE).until(() -> jobsAt(work).size() == 2);
        long cancelled = jobsAt(work).get(0).get("jobId").asLong();
        long running = jobsAt(work).get(1).get("jobId").asLong();
        call("POST", "/api/projects/" + project + "/jobs/" + cancelled + "/cancel", null);
        routed();

        Answer deleted = call("POST", "/api/projects/" + project + "/nodes/" + work + "/jobs/delete?data_layer_id="
                + layer, Map.of("status", "Cancelled"));

        assertThat(deleted.status()).as("%s", deleted.body()).isEqualTo(200);
        assertThat(deleted.body().get("deleted").get(0).asLong()).isEqualTo(cancelled);
        assertThat(deleted.body().get("deleted")).hasSize(1);
        assertThat(eventTypes(cancelled)).endsWith("JobDeleted");
        assertThat(eventTypes(running)).doesNotContain("JobDeleted");
    }
}
