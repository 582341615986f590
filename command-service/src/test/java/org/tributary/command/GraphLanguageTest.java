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

/**
 * The graph language as a client uses it over HTTP, judged by the jobs and packages routing makes in the event
 * store: pull links, data nodes, manual processing, held uploads, processing chosen packages, re-running, a project
 * switched off, snapshots (and snapshots of an older shape, which are not read).
 */
class GraphLanguageTest extends GraphTestBase {

    @Test
    void aJobTakesTheNewestPassingPackageOfEachPullSourceRenamed() {
        long models = node("models", "data", null);
        long settings = node("settings", "data", null);
        long train = node("train", "compute", null);
        link(models, train, "pull", "^model", Map.of("weights", "w"));
        link(settings, train, "pull", "", Map.of());
        upload(models, "model-1", Map.of());
        upload(models, "model-2", Map.of());
        upload(models, "notes", Map.of());
        upload(settings, "fast", Map.of());

        upload(train, "run-1", Map.of());

        await().atMost(PATIENCE).until(() -> jobsAt(train).size() == 1);
        JsonNode job = jobsAt(train).get(0);
        assertThat(inputLabels(job)).containsExactly("run-1", "model-2", "fast");
        assertThat(job.get("spec").get("inputs").get(1).get("fields").get("weights").asText()).isEqualTo("model-2");
        assertThat(job.get("spec").get("inputs").get(1).get("fields").has("w")).isFalse();
    }

    @Test
    void aPullSourceWithoutAPackageYetAddsNoInput() {
        long models = node("models", "data", null);
        long train = node("train", "compute", null);
        link(models, train, "pull", "", Map.of());

        upload(train, "run-1", Map.of());

        await().atMost(PATIENCE).until(() -> jobsAt(train).size() == 1);
        assertThat(inputLabels(jobsAt(train).get(0))).containsExactly("run-1");
    }

    @Test
    void aDataNodeKeepsAPackageAndPassesItOnAtOnceThroughAnotherDataNode() {
        long inbox = node("inbox", "data", null);
        long archive = node("archive", "data", null);
        long work = node("work", "compute", null);
        link(inbox, archive, "push", "", Map.of());
        link(archive, work, "push", "^keep", Map.of("y", "w"));

        long posted = upload(inbox, "keep-1", Map.of());
        upload(inbox, "drop-1", Map.of());

        await().atMost(PATIENCE).until(() -> jobsAt(work).size() == 1);
        assertThat(packagesAt(inbox)).containsExactly("keep-1", "drop-1");
        assertThat(packagesAt(archive)).containsExactly("keep-1", "drop-1");
        JsonNode input = jobsAt(work).get(0).get("spec").get("inputs").get(0);
        assertThat(input.get("label").asText()).isEqualTo("keep-1");
        assertThat(input.get("fields").get("y").asText()).isEqualTo("keep-1");
        routed();
        assertThat(jobsAt(work)).hasSize(1);
        assertThat(posted).isPositive();
    }

    @Test
    void aManualNodeMakesJobsOnlyForThePackagesAUserChooses() {
        long review = node("review", "compute", "manual");
        long first = upload(review, "one", Map.of());
        long second = upload(review, "two", Map.of());
        routed();
        assertThat(jobsAt(review)).isEmpty();

        Answer asked = call("POST", "/api/projects/" + project + "/nodes/" + review + "/packages/process?data_layer_id="
                + layer, Map.of("packages", List.of(second), "interactive", true));

        assertThat(asked.status()).as("%s", asked.body()).isEqualTo(202);
        long job = asked.body().get("jobs").get(0).asLong();
        await().atMost(PATIENCE).until(() -> jobsAt(review).size() == 1);
        JsonNode created = jobsAt(review).get(0);
        assertThat(created.get("jobId").asLong()).isEqualTo(job);
        assertThat(inputLabels(created)).containsExactly("two");
        assertThat(created.get("spec").get("interactive").asBoolean()).isTrue();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void anUploadThatSaysDoNotProcessWaitsUntilAsked() {
        long work = node("work", "compute", null);
        long held = upload(work, "later", Map.of("process", false));
        routed();
        assertThat(jobsAt(work)).isEmpty();

        call("POST", "/api/projects/" + project + "/nodes/" + work + "/packages/process?data_layer_id=" + layer,
                Map.of("packages", List.of(held)));

        await().atMost(PATIENCE).until(() -> jobsAt(work).size() == 1);
        assertThat(inputLabels(jobsAt(work).get(0))).containsExactly("later");
    }

    @Test
    void processingAPackageFromAnotherNodeIsNotFoundAndMakesNothing() {
        long work = node("work", "compute", null);
        long other = node("other", "data", null);
        long elsewhere = upload(other, "x", Map.of());
        long before = eventCount();

        Answer refused = call("POST", "/api/projects/" + project + "/nodes/" + work + "/packages/process?data_layer_id="
                + layer, Map.of("packages", List.of(elsewhere)));

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.body().get("field").asText()).isEqualTo("packages[0]");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void tooManyPackagesToProcessAreRefusedBeforeAnyIsLookedAt() {
        long work = node("work", "compute", null);
        List<Long> many = java.util.stream.LongStream.rangeClosed(1, 1001).map(i -> Long.MAX_VALUE - i).boxed()
                .toList();
        long before = eventCount();

        Answer refused = call("POST", "/api/projects/" + project + "/nodes/" + work + "/packages/process?data_layer_id="
                + layer, Map.of("packages", many));

        // not 404 for the first of them, which does not exist: the list is judged whole first
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("field").asText()).isEqualTo("packages");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aDataNodeIsNotAskedToProcess() {
        long store = node("store", "data", null);
        long kept = upload(store, "x", Map.of());

        Answer refused = call("POST", "/api/projects/" + project + "/nodes/" + store + "/packages/process?data_layer_id="
                + layer, Map.of("packages", List.of(kept)));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("field").asText()).isEqualTo("node_id");
    }

    @Test
    void theJobsOfANodeThatEndedInAStatusRunAgainOnTheSameInputs() {
        long work = node("work", "compute", null);
        upload(work, "one", Map.of());
        upload(work, "two", Map.of());
        await().atMost(PATIENCE).until(() -> jobsAt(work).size() == 2);
        long cancelled = jobsAt(work).get(0).get("jobId").asLong();
        assertThat(call("POST", "/api/projects/" + project + "/jobs/" + cancelled + "/cancel", null).status())
                .isEqualTo(200);

        Answer rerun = call("POST", "/api/projects/" + project + "/nodes/" + work + "/jobs/rerun?data_layer_id="
                + layer, Map.of("status", "Cancelled"));

        assertThat(rerun.status()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> jobsAt(work).size() == 3);
        JsonNode again = jobsAt(work).get(2);
        assertThat(again.get("restartOf").asLong()).isEqualTo(cancelled);
        assertThat(inputLabels(again)).containsExactly("one");
    }

    @Test
    void onlyJobsThatEndedAreRerun() {
        long work = node("work", "compute", null);

        Answer refused = call("POST", "/api/projects/" + project + "/nodes/" + work + "/jobs/rerun?data_layer_id="
                + layer, Map.of("status", "Started"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("field").asText()).isEqualTo("status");
    }

    @Test
    void routingReadsAProjectFromItsSnapshotAfterARestart() {
        long work = node("work", "compute", null);
        for (int i = 0; i < 30; i++) {
            Answer moved = call("PATCH", "/api/projects/" + project + "/nodes/" + work, Map.of("x", i, "version",
                    version));
            version = moved.version();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?",
                Long.class, Long.toString(project))).isPositive();
        long source = node("source", "data", null);
        link(source, work, "pull", "", Map.of());
        upload(source, "reference", Map.of());
        routed();
        // the events the snapshot holds are gone: only the snapshot can tell routing what the graph was
        jdbc.update("DELETE FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber <= (SELECT "
                + "max(sequencenumber) FROM snapshotevententry WHERE aggregateidentifier = ?)", Long.toString(project),
                Long.toString(project));
        graphs.forget();

        upload(work, "run", Map.of());

        await().atMost(PATIENCE).until(() -> jobsAt(work).size() == 1);
        assertThat(inputLabels(jobsAt(work).get(0))).containsExactly("run", "reference");
    }

    @Test
    void aSnapshotOfAnotherShapeIsNotReadAndTheProjectIsRebuiltFromItsEvents() {
        long work = node("work", "compute", null);
        long source = node("source", "data", null);
        link(source, work, "pull", "", Map.of());
        for (int i = 0; i < 30; i++) {
            Answer moved = call("PATCH", "/api/projects/" + project + "/nodes/" + work, Map.of("x", i, "version",
                    version));
            version = moved.version();
        }
        upload(source, "reference", Map.of());
        routed();
        // as an older Tributary stored it, whose project had other fields: read as today's, a project without nodes
        int older = jdbc.update("UPDATE snapshotevententry SET payloadrevision = NULL, payload = convert_to(?, 'UTF8')"
                + " WHERE aggregateidentifier = ?", "{\"projectId\": " + project + "}", Long.toString(project));
        assertThat(older).isPositive();
        graphs.forget();

        upload(work, "run", Map.of());

        await().atMost(PATIENCE).until(() -> jobsAt(work).size() == 1);
        assertThat(inputLabels(jobsAt(work).get(0))).containsExactly("run", "reference");
    }

    @Test
    void aProjectSwitchedOffMakesJobsThatWaitUndispatchedUntilItIsOnAgain() {
        long work = node("work", "compute", null);
        Answer off = call("PATCH", "/api/projects/" + project, Map.of("active", false, "version", version));
        assertThat(off.status()).as("%s", off.body()).isEqualTo(200);
        version = off.version();

        upload(work, "while-off", Map.of());
        await().atMost(PATIENCE).until(() -> jobsAt(work).size() == 1);
        long job = jobsAt(work).get(0).get("jobId").asLong();
        routed();
        assertThat(eventTypes(job)).containsExactly("JobCreated");

        Answer on = call("PATCH", "/api/projects/" + project, Map.of("active", true, "version", version));
        assertThat(on.status()).isEqualTo(200);

        await().atMost(PATIENCE).until(() -> eventTypes(job).contains("JobDispatched"));
        assertThat(eventTypes(job)).containsExactly("JobCreated", "JobDispatched");
    }
}
