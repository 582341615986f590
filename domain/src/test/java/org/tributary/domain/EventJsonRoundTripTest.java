package org.tributary.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tributary.domain.datapackage.api.PackageCreated;
import org.tributary.domain.executor.api.ExecutorCapabilities;
import org.tributary.domain.executor.api.ExecutorRegistered;
import org.tributary.domain.job.api.JobCalculated;
import org.tributary.domain.job.api.JobClaimed;
import org.tributary.domain.job.api.JobCreated;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.domain.executor.api.ExecutorAnnounced;
import org.tributary.domain.job.api.JobCancelled;
import org.tributary.domain.project.api.ApiKeyCreated;
import org.tributary.domain.project.api.ApiKeyRevoked;
import org.tributary.domain.project.api.ProjectMemberRemoved;
import org.tributary.domain.project.api.ProjectMemberSet;
import org.tributary.domain.shared.ProjectRole;
import org.tributary.domain.job.api.JobInteractiveOpened;
import org.tributary.domain.job.api.JobLogKept;
import org.tributary.domain.project.api.ProjectSecretDeleted;
import org.tributary.domain.project.api.ProjectSecretSet;
import org.tributary.domain.shared.SealedValue;
import org.tributary.domain.shared.SecretKind;
import org.tributary.domain.job.api.JobDied;
import org.tributary.domain.job.api.JobFailed;
import org.tributary.domain.job.api.JobWaiting;
import org.tributary.domain.job.api.JobInput;
import org.tributary.domain.job.api.JobOutput;
import org.tributary.domain.job.api.JobProcessed;
import org.tributary.domain.job.api.JobProduced;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.job.api.JobStatus;
import org.tributary.domain.job.api.JobStatusReported;
import org.tributary.domain.job.api.JobUploaded;
import org.tributary.domain.project.api.DataLayerCreated;
import org.tributary.domain.project.api.LinkCreated;
import org.tributary.domain.project.api.LinkDeleted;
import org.tributary.domain.project.api.NodeActivityChanged;
import org.tributary.domain.project.api.NodeContainerChanged;
import org.tributary.domain.project.api.NodeCreated;
import org.tributary.domain.project.api.NodeDeleted;
import org.tributary.domain.project.api.NodeExecutorChanged;
import org.tributary.domain.project.api.NodeFileDeleted;
import org.tributary.domain.project.api.NodeFilePut;
import org.tributary.domain.project.api.NodeMoved;
import org.tributary.domain.project.api.NodeParametersDefined;
import org.tributary.domain.project.api.NodeRenamed;
import org.tributary.domain.project.api.ParameterValuesSet;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.domain.project.api.ProjectExecutorSet;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.DataLayerKind;
import org.tributary.domain.shared.ExecutorAddressed;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.GpuKind;
import org.tributary.domain.shared.LabelFilter;
import org.tributary.domain.shared.LinkType;
import org.tributary.domain.shared.Mapping;
import org.tributary.domain.shared.NodeKind;
import org.tributary.domain.shared.PackageOrigin;
import org.tributary.domain.shared.ParameterDefinition;
import org.tributary.domain.shared.ParameterType;
import org.tributary.domain.shared.Priority;
import org.tributary.domain.shared.ProjectScoped;
import org.tributary.domain.shared.PullPolicy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events are stored and sent as JSON written by Spring Boot's ObjectMapper (through Axon's JacksonSerializer) and
 * read back by services and by the executor's plain ObjectMapper: each must come back equal to what was written.
 */
class EventJsonRoundTripTest {

    static final String KEY_DIGEST = "5e".repeat(32);

    /** As Spring Boot configures it: every module on the classpath, ISO dates, unknown properties tolerated. */
    private static final ObjectMapper SPRING_LIKE = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** The executor reads events with a plain mapper. */
    /** As the executor's {@code EventJson} reads dispatch messages. */
    private static final ObjectMapper PLAIN = new ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final String HASH = "0123456789abcdef".repeat(4);
    private static final FileRef SCRIPT = new FileRef("run.py", HASH, 120, true, "text/x-python");
    private static final FileRef RESULT = new FileRef("out/1/files/result.json", HASH, 7, false, null);
    private static final ContainerSpec FULL_CONTAINER = new ContainerSpec(
            "registry.example.com:5000/team/tool:v2@sha256:" + HASH, "python run.py --fast", "2Gi", 4, 2,
            GpuKind.NVIDIA, 60, Priority.HIGH, PullPolicy.IF_NOT_PRESENT, 3);
    private static final ContainerSpec PLAIN_CONTAINER = ContainerSpec.of("python:3.12-slim", "");
    private static final JobSpec SPEC = new JobSpec(100, 10,
            List.of(new JobInput(40, "run-1", fields(), List.of(SCRIPT))),
            Map.of("threshold", 0.5, "mode", "fast"), FULL_CONTAINER, List.of(SCRIPT), true);
    private static final JobOutput OUTPUT = new JobOutput(600, "result", Map.of("score", 0.93), List.of(RESULT));

    /** JSON values of every kind a field may hold, as Jackson reads them back (Integer, Double, List, Map, null). */
    private static Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("count", 3);
        fields.put("ratio", 0.25);
        fields.put("name", "sample");
        fields.put("ok", true);
        fields.put("range", List.of(1, 2.5));
        fields.put("nested", Map.of("a", List.of("x", "y")));
        fields.put("missing", null);
        return fields;
    }

    /** At least one sample per event; add one here for every new event. */
    static List<Object> samples() {
        Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("mode", null);
        return List.of(
                new ProjectCreated(1, "Demo", 7L),
                new ProjectCreated(1, "Demo", null),
                new ProjectExecutorSet(1, 8),
                new NodeCreated(1, 100, "train", NodeKind.COMPUTE, FULL_CONTAINER, 1.5, -2.25, 9L),
                new NodeCreated(1, 101, "raw", NodeKind.DATA, null, 0, 0, null),
                new NodeCreated(1, 102, "plain", NodeKind.COMPUTE, PLAIN_CONTAINER, 0, 0, null),
                new NodeRenamed(1, 100, "train-2"),
                new NodeContainerChanged(1, 100, PLAIN_CONTAINER),
                new NodeMoved(1, 100, 10.5, 20),
                new org.tributary.domain.project.api.ProjectSwitched(1, false),
                new org.tributary.domain.project.api.DataLayerUpdated(1, 11, "what-if", "why", false,
                        org.tributary.domain.shared.DataLayerKind.PERSONAL, 42L),
                new org.tributary.domain.project.api.DataLayerDeleted(1, 11),
                new org.tributary.domain.project.api.ProjectDeleted(1),
                new org.tributary.domain.datapackage.api.PackageDeleted(40, 1, 101, 10),
                new org.tributary.domain.job.api.JobDeleted(50, 1, 100, 10),
                new org.tributary.domain.project.api.NodeProcessingChanged(1, 100,
                        org.tributary.domain.shared.ProcessingMode.MANUAL),
                new org.tributary.domain.project.api.PackagesProcessingRequested(1, 100, 10, List.of(40L, 41L),
                        List.of(60L, 61L), true),
                new org.tributary.domain.project.api.NodeJobsRerunRequested(1, 100, 10,
                        org.tributary.domain.job.api.JobStatus.ERROR),
                new NodeExecutorChanged(1, 100, 9L),
                new NodeExecutorChanged(1, 100, null),
                new NodeDeleted(1, 100),
                new NodeParametersDefined(1, 100, List.of(
                        new ParameterDefinition("threshold", "Threshold", ParameterType.SLIDER, 0.5,
                                Map.of("min", 0, "max", 1, "step", 0.1)),
                        new ParameterDefinition("window", null, ParameterType.RANGE, List.of(0, 10), null),
                        new ParameterDefinition("since", "Since", ParameterType.DATE, null, null))),
                new ParameterValuesSet(1, 100, 10, fields()),
                new ParameterValuesSet(1, 100, 10, nullValue),
                new NodeFilePut(1, 100, SCRIPT),
                new NodeFileDeleted(1, 100, "run.py"),
                new LinkCreated(1, 5, 100, 101, LinkType.PUSH, LabelFilter.of("^run-\\d+$"),
                        Mapping.of(Map.of("input.csv", "data.csv"))),
                new LinkCreated(1, 6, 101, 100, LinkType.PULL, LabelFilter.ANY, Mapping.NONE),
                new LinkDeleted(1, 5),
                new DataLayerCreated(1, 10, "main", DataLayerKind.SHARED),
                new DataLayerCreated(1, 11, "mine", DataLayerKind.PERSONAL),
                new NodeActivityChanged(1, 100, 10, false),
                new ProjectSecretSet(1, "API_TOKEN", SecretKind.VARIABLE, null, new SealedValue("k1", "c2VhbGVk")),
                new ProjectSecretSet(1, "REGISTRY", SecretKind.REGISTRY, List.of(100L), new SealedValue("k1", "eA==")),
                new ProjectSecretDeleted(1, "API_TOKEN"),
                new PackageCreated(42, 1, 101, 10, "held", Map.of(), List.of(), List.of(), PackageOrigin.UPLOADED,
                        null, null, true),
                new PackageCreated(40, 1, 101, 10, "run-1", fields(), List.of(SCRIPT, RESULT), List.of(),
                        PackageOrigin.UPLOADED, null, null),
                new PackageCreated(41, 1, 101, 10, "", Map.of(), List.of(), List.of(30L, 31L),
                        PackageOrigin.DELIVERED, 500L, 39L),
                new JobCreated(500, 1, SPEC, 7L),
                new JobCreated(501, 1, SPEC, null),
                new JobCreated(502, 1, SPEC, 7L, 500L),
                new JobDispatched(500, 1, 7, SPEC),
                new JobClaimed(500, 1, 7),
                new JobStatusReported(500, 1, JobStatus.DOWNLOADED),
                new JobCalculated(500, 1, 0, List.of(SCRIPT, RESULT), "sha256:" + HASH),
                new JobCalculated(501, 1, 137, List.of(), null),
                new JobUploaded(500, 1),
                new JobProduced(500, 1, 100, 10, List.of(40L), List.of(OUTPUT)),
                new JobProcessed(500, 1),
                new JobFailed(501, 1, "NonZeroExitCode", "The script exited with code 137"),
                new JobDied(501, 1, "no heartbeat for 5 minutes"),
                new JobCancelled(502, 1, 7),
                new org.tributary.domain.user.api.UserRegistered(5, "ada", "Ada Lovelace", "ada@example.org", false),
                new org.tributary.domain.user.api.UserProfileChanged(5, "Ada King", "ada@example.org"),
                new ProjectCreated(3, "lab", null, 11L),
                new ProjectMemberSet(3, 11, ProjectRole.OWNER),
                new ProjectMemberRemoved(3, 12),
                new ApiKeyCreated(3, 70, "pipeline", ProjectRole.EDITOR, java.time.Instant.parse("2027-01-01T00:00:00Z"), 11, KEY_DIGEST),
                new ApiKeyCreated(3, 71, "forever", ProjectRole.VIEWER, null, 11, KEY_DIGEST),
                new ApiKeyRevoked(3, 70),
                new JobCancelled(503, 1, 7, "stopped by its executor after 60 minutes without activity in Jupyter"),
                new JobInteractiveOpened(503, 1, "http://tributary-a-503.lab.svc:8888"),
                new JobLogKept(502, 1, List.of(SCRIPT)),
                new JobWaiting(501, 1, "not scheduled: 0/3 nodes are available"),
                new ExecutorRegistered(7, "lab cluster", new ExecutorCapabilities(Map.of("nvidia", 4, "amd", 1), 12)),
                new ExecutorRegistered(8, "laptop", ExecutorCapabilities.CPU_ONLY),
                new ExecutorAnnounced(7, "http://executor.lab.svc:8084", "k".repeat(43)));
    }

    static Stream<Arguments> samplesByName() {
        return samples().stream().map(s -> Arguments.of(s.getClass().getSimpleName(), s));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplesByName")
    void eventComesBackEqualThroughSpringBootsMapper(String name, Object event) throws Exception {
        String json = SPRING_LIKE.writeValueAsString(event);

        assertThat(SPRING_LIKE.readValue(json, event.getClass())).as(json).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplesByName")
    void executorsPlainMapperReadsWhatSpringWrote(String name, Object event) throws Exception {
        String json = SPRING_LIKE.writeValueAsString(event);

        assertThat(PLAIN.readValue(json, event.getClass())).as(json).isEqualTo(event);
    }

    @Test
    void everyEventHasASample() {
        Set<String> events = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.tributary.domain")
                .stream()
                .filter(c -> c.getPackageName().endsWith(".api"))
                .filter(JavaClass::isRecord)
                .filter(c -> c.isAssignableTo(ProjectScoped.class) || c.isAssignableTo(ExecutorAddressed.class))
                .map(JavaClass::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> sampled = samples().stream().map(s -> s.getClass().getName())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(events).hasSizeGreaterThanOrEqualTo(27);
        assertThat(sampled).containsAll(events);
    }

    @Test
    void wireShapeUsesCamelCaseAndTheUsersWordsForEnums() throws Exception {
        JsonNode node = SPRING_LIKE.readTree(SPRING_LIKE.writeValueAsString(
                new NodeCreated(1, 100, "train", NodeKind.COMPUTE, FULL_CONTAINER, 1.5, 2, 9L)));

        assertThat(node.get("projectId").asLong()).isEqualTo(1);
        assertThat(node.get("nodeId").asLong()).isEqualTo(100);
        assertThat(node.get("kind").asText()).isEqualTo("compute");
        JsonNode container = node.get("container");
        assertThat(container.get("gpuKind").asText()).isEqualTo("nvidia");
        assertThat(container.get("priority").asText()).isEqualTo("high");
        assertThat(container.get("imagePullPolicy").asText()).isEqualTo("IfNotPresent");
        assertThat(container.get("timeLimitMinutes").asInt()).isEqualTo(60);
    }

    @Test
    void linkFilterAndMappingTravelAsPlainValues() throws Exception {
        JsonNode link = SPRING_LIKE.readTree(SPRING_LIKE.writeValueAsString(new LinkCreated(1, 5, 100, 101,
                LinkType.PUSH, LabelFilter.of("^run"), Mapping.of(Map.of("input.csv", "data.csv")))));

        assertThat(link.get("type").asText()).isEqualTo("push");
        assertThat(link.get("packageFilter").asText()).isEqualTo("^run");
        assertThat(link.get("mapping").get("input.csv").asText()).isEqualTo("data.csv");
    }

    @Test
    void jobStatusTravelsUnderItsCapitalisedName() throws Exception {
        JsonNode reported = SPRING_LIKE.readTree(SPRING_LIKE.writeValueAsString(
                new JobStatusReported(500, 1, JobStatus.QUEUED)));

        assertThat(reported.get("status").asText()).isEqualTo("Queued");
    }

    @Test
    void unknownPropertiesFromANewerWriterAreIgnored() throws Exception {
        String json = "{\"jobId\":500,\"projectId\":1,\"executorId\":7,\"claimedAt\":\"2025-01-01T00:00:00Z\"}";

        assertThat(SPRING_LIKE.readValue(json, JobClaimed.class)).isEqualTo(new JobClaimed(500, 1, 7));
    }

    @Test
    void aCancelWrittenBeforeItHadAReasonReadsAsAUsersCancel() throws Exception {
        String json = "{\"jobId\":502,\"projectId\":1,\"executorId\":7}";

        assertThat(SPRING_LIKE.readValue(json, JobCancelled.class).reason()).isEmpty();
    }
}
