package org.tributary.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GPU cluster overlay: its executor reads the mounted executor.yml, which chooses the Kubernetes backend and
 * offers GPUs with a placement for each kind.
 */
class GpuOverlayTest {

    static final Manifests.Rendered GPU = Manifests.render(KubernetesManifestsTest.GPU_CLUSTER);

    @Test
    void theExecutorMountsItsKubernetesSettingsWhereSpringReadsThem() {
        Deployment executor = GPU.one(Deployment.class, "executor");
        var container = executor.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(container.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("SPRING_CONFIG_ADDITIONAL_LOCATION");
            assertThat(e.getValue()).isEqualTo("optional:file:/etc/tributary/");
        });
        assertThat(container.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/etc/tributary");
            assertThat(m.getName()).isEqualTo("kubernetes-settings");
        });
        assertThat(executor.getSpec().getTemplate().getSpec().getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("kubernetes-settings");
            assertThat(v.getConfigMap().getName()).isEqualTo("executor-kubernetes");
        });
    }

    @Test
    void itsSettingsChooseKubernetesOfferGpusAndPlaceEachKind() throws Exception {
        JsonNode file = new ObjectMapper(new YAMLFactory()).readTree(
                GPU.one(ConfigMap.class, "executor-kubernetes").getData().get("executor.yml"));
        JsonNode executor = file.path("tributary").path("executor");
        JsonNode kubernetes = executor.path("kubernetes");

        assertThat(executor.path("backend").asText()).isEqualTo("kubernetes");
        assertThat(executor.path("capabilities").path("gpus").path("nvidia").asInt()).isPositive();
        assertThat(kubernetes.path("namespace").asText()).isEqualTo("tributary");
        for (String kind : List.of("nvidia", "amd")) {
            JsonNode placement = kubernetes.path("gpus").path(kind);
            assertThat(placement.path("node-selector").size()).as(kind).isPositive();
            assertThat(placement.path("tolerations").size()).as(kind).isPositive();
        }
        assertThat(kubernetes.path("executor-url").asText()).startsWith("http://executor.");
    }
}
