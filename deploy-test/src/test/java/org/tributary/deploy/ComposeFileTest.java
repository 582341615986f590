package org.tributary.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/compose.yaml: it parses, builds each service from its Dockerfile and tells it only what it reads. */
class ComposeFileTest {

    static final List<String> SERVICES = Repository.SERVICES;
    private static final Set<String> TOP_LEVEL = Set.of("name", "services", "volumes");
    private static final Set<String> SERVICE_FIELDS = Set.of("image", "build", "command", "hostname", "environment",
            "volumes", "ports", "depends_on", "healthcheck", "stop_grace_period", "restart");
    private static final Pattern TCP_CHECK = Pattern.compile("/dev/tcp/127\\.0\\.0\\.1/(\\d+).*GET (\\S+) HTTP");
    private static JsonNode compose;

    @BeforeAll
    static void parse() {
        List<? extends JsonNode> docs = Manifests.documents(Repository.path("deploy/compose.yaml"));
        assertThat(docs).hasSize(1);
        compose = docs.get(0);
    }

    @Test
    void holdsTheInfrastructureAndTheFiveServicesAndNothingElse() {
        List<String> fields = new ArrayList<>();
        compose.fieldNames().forEachRemaining(fields::add);
        assertThat(TOP_LEVEL).containsAll(fields);
        List<String> services = new ArrayList<>();
        compose.path("services").fieldNames().forEachRemaining(services::add);
        List<String> expected = new ArrayList<>(List.of("postgres", "rabbitmq", "minio"));
        expected.addAll(SERVICES);
        assertThat(services).containsExactlyInAnyOrderElementsOf(expected);
        for (String service : services) {
            JsonNode definition = compose.path("services").path(service);
            definition.fieldNames().forEachRemaining(field -> assertThat(SERVICE_FIELDS)
                    .as("%s: field %s", service, field).contains(field));
            String image = definition.path("image").asText();
            assertThat(image).as("%s: a pinned image, not latest", service)
                    .matches("[\\w./-]+:[\\w.-]+").doesNotEndWith(":latest");
            for (JsonNode mount : definition.path("volumes")) {
                String volume = mount.asText().split(":")[0];
                assertThat(compose.path("volumes").has(volume)).as("%s: volume %s is declared", service, volume)
                        .isTrue();
            }
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void buildsEachServiceFromItsDockerfile(String service) {
        JsonNode definition = compose.path("services").path(service);
        Path context = Repository.path("deploy").resolve(definition.path("build").path("context").asText())
                .normalize();
        assertThat(context).as("%s: the build context is the repository", service).isEqualTo(Repository.ROOT);
        assertThat(definition.path("build").path("dockerfile").asText())
                .isEqualTo("deploy/images/" + service + "/Dockerfile");
        assertThat(context.resolve(definition.path("build").path("dockerfile").asText())).isRegularFile();
        // the same name the Kubernetes base deploys
        assertThat(definition.path("image").asText()).isEqualTo("tributary/" + service + ":" + Repository.version());
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyVariableIsReadByTheServiceAndEveryRequiredOneIsSet(String service) {
        ServiceModule module = ServiceModule.of(service);
        Map<String, String> environment = environment(service);
        assertThat(module.readableVariables()).as("%s: variables its configuration reads", service)
                .containsAll(environment.keySet());
        assertThat(environment.keySet()).as("%s: variables it needs outside a developer's machine", service)
                .containsAll(module.requiredVariables());
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyUrlNamesAComposeServiceAtAPortItListensOn(String service) {
        for (Map.Entry<String, String> variable : environment(service).entrySet()) {
            String value = variable.getValue();
            if (!value.matches("(jdbc:)?[a-z][a-z0-9+.-]*://.*")) {
                continue;
            }
            URI uri = URI.create(value.replaceFirst("^jdbc:", ""));
            if (uri.getHost().equals("localhost")) {
                continue; // a URL for this machine's browser
            }
            assertThat(compose.path("services").has(uri.getHost()))
                    .as("%s: %s=%s names a compose service", service, variable.getKey(), value).isTrue();
            Integer port = switch (uri.getHost()) {
                case "postgres" -> 5432;
                case "rabbitmq" -> 5672;
                case "minio" -> 9000;
                default -> ServiceModule.of(uri.getHost()).defaultPort();
            };
            assertThat(uri.getPort()).as("%s: %s=%s", service, variable.getKey(), value).isEqualTo(port);
        }
    }

    @Test
    void servicesStartOnlyAfterWhatTheyNeedIsHealthy() {
        compose.path("services").properties().forEach(entry -> {
            String service = entry.getKey();
            assertThat(entry.getValue().path("healthcheck").path("test").isArray())
                    .as("%s has a health check", service).isTrue();
            entry.getValue().path("depends_on").properties().forEach(dependency -> {
                assertThat(compose.path("services").has(dependency.getKey()))
                        .as("%s depends on %s", service, dependency.getKey()).isTrue();
                assertThat(dependency.getValue().path("condition").asText())
                        .as("%s waits for %s", service, dependency.getKey()).isEqualTo("service_healthy");
            });
        });
        // reads need the event store that command-service's migrations create; the executor registers there
        for (String service : List.of("query-service", "projection-proxy", "executor")) {
            assertThat(compose.path("services").path(service).path("depends_on").has("command-service"))
                    .as(service).isTrue();
        }
        Map<String, String> infrastructure = Map.of(
                "TRIBUTARY_DB_URL", "postgres", "TRIBUTARY_AMQP_URL", "rabbitmq", "TRIBUTARY_S3_ENDPOINT", "minio");
        for (String service : SERVICES) {
            infrastructure.forEach((variable, server) -> {
                if (environment(service).containsKey(variable)) {
                    assertThat(compose.path("services").path(service).path("depends_on").has(server))
                            .as("%s uses %s", service, server).isTrue();
                }
            });
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void healthChecksAskTheServicesReadinessOnItsPort(String service) {
        ServiceModule module = ServiceModule.of(service);
        String test = String.join(" ", list(compose.path("services").path(service).path("healthcheck").path("test")));
        Matcher m = TCP_CHECK.matcher(test);
        assertThat(m.find()).as("%s: %s", service, test).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(module.defaultPort());
        assertThat(m.group(2)).isEqualTo("/actuator/health/readiness");
        assertThat(module.healthPaths()).contains(m.group(2));
    }

    @Test
    void theExecutorKeepsItsWorkDirInAVolume() {
        String workDir = ImageDefinitionsTest.dockerfile("executor").env("TRIBUTARY_EXECUTOR_WORKDIR").orElseThrow();
        assertThat(list(compose.path("services").path("executor").path("volumes")))
                .anyMatch(mount -> mount.endsWith(":" + workDir));
    }

    private static Map<String, String> environment(String service) {
        JsonNode environment = compose.path("services").path(service).path("environment");
        assertThat(environment.isObject()).as("%s: environment as a mapping", service).isTrue();
        Map<String, String> values = new LinkedHashMap<>();
        environment.properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    private static List<String> list(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
