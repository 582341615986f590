package org.tributary.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Kustomize base and the production overlay, rendered (see {@link Manifests}) and loaded into Fabric8's typed
 * model with unknown fields failing, then checked for wiring: what each object names must exist, and what each
 * service is told must be what that service reads.
 */
class KubernetesManifestsTest {

    static final Path K8S = Repository.path("deploy/k8s");
    static final Path BASE = K8S.resolve("base");
    static final Path PRODUCTION = K8S.resolve("overlays/production");
    static final Path GPU_CLUSTER = K8S.resolve("overlays/gpu-cluster");
    /** The Secrets the base refers to and leaves to an overlay (or to kubectl create secret). */
    static final Set<String> SECRETS = Set.of("tributary-postgresql", "tributary-rabbitmq", "tributary-minio",
            "tributary-secrets-key", "tributary-admin", "tributary-executor-credential");

    static Stream<Manifests.Rendered> rendered() {
        return Stream.of(Manifests.render(BASE), Manifests.render(PRODUCTION), Manifests.render(GPU_CLUSTER));
    }

    @Test
    void everyManifestFileLoadsIntoTypedObjects() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(K8S)) {
            files = walk.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
                    .filter(f -> !f.getParent().getFileName().toString().equals("patches"))
                    .toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(9);
        for (Path file : files) {
            assertThat(Manifests.load(file)).as("%s", file).isNotEmpty();
        }
    }

    @Test
    void aMisspelledFieldDoesNotLoad() {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers:
                        - name: x
                          image: x
                          livenesProbe: {httpGet: {path: /, port: 80}}
                """;
        assertThatThrownBy(() -> Manifests.typed((com.fasterxml.jackson.databind.node.ObjectNode)
                Manifests.TREE.readTree(deployment), Path.of("inline")))
                .hasMessageContaining("livenesProbe");
        String service = "apiVersion: v1\nkind: Service\nmetadata: {name: x, label: {a: b}}\nspec: {}\n";
        assertThatThrownBy(() -> Manifests.typed((com.fasterxml.jackson.databind.node.ObjectNode)
                Manifests.TREE.readTree(service), Path.of("inline")))
                .hasMessageContaining("label");
    }

    @ParameterizedTest
    @MethodSource("rendered")
    void everyServiceModuleHasOneDeploymentAndOneServiceOfItsImage(Manifests.Rendered k) {
        assertThat(k.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Repository.SERVICES);
        assertThat(k.all(Service.class)).extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Repository.SERVICES);
        for (String service : Repository.SERVICES) {
            List<Container> containers = pod(k.one(Deployment.class, service)).getContainers();
            assertThat(containers).as("%s: one container", service).hasSize(1);
            // the image compose builds from deploy/images/<service>/Dockerfile, maybe moved to a registry
            assertThat(containers.get(0).getImage()).as("%s: image", service)
                    .matches("(.+/)?tributary/" + service + ":[\\w.-]+");
        }
        if (k.dir().equals(BASE)) {
            for (String service : Repository.SERVICES) {
                assertThat(pod(k.one(Deployment.class, service)).getContainers().get(0).getImage())
                        .isEqualTo("tributary/" + service + ":" + Repository.version());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("rendered")
    void prometheusScrapesEveryServiceOnItsContainerPort(Manifests.Rendered k) {
        for (Deployment deployment : k.all(Deployment.class)) {
            Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
            Container container = pod(deployment).getContainers().get(0);
            assertThat(annotations).as("%s: scraped", name(deployment))
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/path", "/actuator/prometheus")
                    .containsEntry("prometheus.io/port",
                            container.getPorts().get(0).getContainerPort().toString());
        }
    }

    @ParameterizedTest
    @MethodSource("rendered")
    void eachServiceSelectsExactlyOneDeploymentAndTargetsAContainerPort(Manifests.Rendered k) {
        for (Deployment deployment : k.all(Deployment.class)) {
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(podLabels).as("%s: its selector selects its own pods", name(deployment))
                    .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(deployment.getSpec().getSelector().getMatchExpressions()).isNullOrEmpty();
        }
        for (Service service : k.all(Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            assertThat(selector).as("%s: a selector", name(service)).isNotEmpty();
            List<Deployment> selected = k.all(Deployment.class).stream()
                    .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                            .containsAll(selector.entrySet()))
                    .toList();
            assertThat(selected).as("Deployments selected by Service %s", name(service)).hasSize(1);
            Container container = pod(selected.get(0)).getContainers().get(0);
            for (ServicePort port : service.getSpec().getPorts()) {
                assertThat(containerPort(container, port.getTargetPort()))
                        .as("Service %s: targetPort %s is a port of %s", name(service), port.getTargetPort(),
                                name(selected.get(0)))
                        .isNotNull();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("rendered")
    void containersListenOnTheServicesPortAndProbeItsHealthGroups(Manifests.Rendered k) {
        for (String name : Repository.SERVICES) {
            ServiceModule module = ServiceModule.of(name);
            Container container = pod(k.one(Deployment.class, name)).getContainers().get(0);
            int port = servicePort(module, container, k);
            assertThat(container.getPorts()).as("%s: container ports", name)
                    .extracting(ContainerPort::getContainerPort).containsExactly(port);

            Set<String> served = module.healthPaths();
            assertThat(probe(container.getLivenessProbe(), container, name + " liveness"))
                    .isEqualTo(port + " /actuator/health/liveness");
            assertThat(probe(container.getReadinessProbe(), container, name + " readiness"))
                    .isEqualTo(port + " /actuator/health/readiness");
            assertThat(probe(container.getStartupProbe(), container, name + " startup"))
                    .startsWith(port + " /actuator/health");
            for (Probe probe : List.of(container.getLivenessProbe(), container.getReadinessProbe(),
                    container.getStartupProbe())) {
                assertThat(served).as("%s: health paths %s.yml makes it serve", name, name)
                        .contains(probe.getHttpGet().getPath());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("rendered")
    void everyVariableADeploymentSetsIsReadByItsServiceAndEveryRequiredOneIsSet(Manifests.Rendered k) {
        for (String name : Repository.SERVICES) {
            ServiceModule module = ServiceModule.of(name);
            Container container = pod(k.one(Deployment.class, name)).getContainers().get(0);
            List<String> set = env(container).stream().map(EnvVar::getName).toList();
            assertThat(set).as("%s: no variable set twice", name).doesNotHaveDuplicates();
            assertThat(module.readableVariables()).as("%s: variables its configuration reads", name)
                    .containsAll(set);
            assertThat(set).as("%s: variables it needs outside a developer's machine", name)
                    .containsAll(module.requiredVariables());
            assertThat(container.getEnvFrom()).as("%s: envFrom would hand it variables it does not read", name)
                    .isNullOrEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("rendered")
    void everyConfigMapAndSecretKeyADeploymentNamesExists(Manifests.Rendered k) {
        boolean secretsRendered = !k.all(Secret.class).isEmpty();
        for (Deployment deployment : k.all(Deployment.class)) {
            for (EnvVar variable : env(pod(deployment).getContainers().get(0))) {
                var from = variable.getValueFrom();
                if (from == null) {
                    continue;
                }
                if (from.getConfigMapKeyRef() != null) {
                    ConfigMap map = k.one(ConfigMap.class, from.getConfigMapKeyRef().getName());
                    assertThat(map.getData()).as("%s: %s", name(deployment), variable.getName())
                            .containsKey(from.getConfigMapKeyRef().getKey());
                    assertThat(from.getConfigMapKeyRef().getOptional()).isNotEqualTo(Boolean.TRUE);
                } else if (from.getSecretKeyRef() != null) {
                    String secret = from.getSecretKeyRef().getName();
                    assertThat(SECRETS).as("%s: %s", name(deployment), variable.getName()).contains(secret);
                    if (secretsRendered) {
                        Secret rendered = k.one(Secret.class, secret);
                        assertThat(rendered.getStringData()).as("%s: %s", name(deployment), variable.getName())
                                .containsKey(from.getSecretKeyRef().getKey());
                    }
                } else {
                    throw new AssertionError(name(deployment) + ": " + variable.getName() + " comes from "
                            + from + ", which this test does not follow");
                }
            }
        }
        if (!k.dir().equals(BASE)) {
            // the overlays generate them from env files kept out of git (the GPU overlay through production)
            assertThat(k.all(Secret.class)).extracting(s -> s.getMetadata().getName())
                    .containsExactlyInAnyOrderElementsOf(SECRETS);
        } else {
            assertThat(k.all(Secret.class)).as("no credentials in the base").isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("rendered")
    void everyInClusterUrlInTheSettingsNamesAServiceAndOneOfItsPorts(Manifests.Rendered k) {
        List<String> urls = new ArrayList<>();
        for (ConfigMap map : k.all(ConfigMap.class)) {
            urls.addAll(map.getData().values());
        }
        for (Secret secret : k.all(Secret.class)) {
            urls.addAll(secret.getStringData().values());
        }
        int checked = 0;
        for (String value : urls) {
            if (!value.matches("[a-z][a-z0-9+.-]*://.*")) {
                continue;
            }
            URI uri = URI.create(value.replaceFirst("^jdbc:", ""));
            if (uri.getHost() == null || uri.getHost().contains(".")) {
                continue; // outside the namespace: a fully qualified name
            }
            Service service = k.one(Service.class, uri.getHost());
            assertThat(service.getSpec().getPorts()).as("%s names a port of Service %s", value, uri.getHost())
                    .extracting(ServicePort::getPort).contains(uri.getPort());
            checked++;
        }
        assertThat(checked).as("the services' URLs of each other").isGreaterThanOrEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("rendered")
    void everyContainerRequestsAndLimitsCpuAndMemory(Manifests.Rendered k) {
        for (Deployment deployment : k.all(Deployment.class)) {
            for (Container container : pod(deployment).getContainers()) {
                var resources = container.getResources();
                for (String resource : List.of("cpu", "memory")) {
                    Quantity request = resources.getRequests().get(resource);
                    Quantity limit = resources.getLimits().get(resource);
                    assertThat(request).as("%s: %s request", name(deployment), resource).isNotNull();
                    assertThat(limit).as("%s: %s limit", name(deployment), resource).isNotNull();
                    assertThat(request.getNumericalAmount()).as("%s: %s request ≤ limit", name(deployment), resource)
                            .isLessThanOrEqualTo(limit.getNumericalAmount());
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("rendered")
    void podsRunAsTheImagesNonRootUserWithoutPrivileges(Manifests.Rendered k) {
        for (String name : Repository.SERVICES) {
            PodSpec pod = pod(k.one(Deployment.class, name));
            PodSecurityContext security = pod.getSecurityContext();
            assertThat(security.getRunAsNonRoot()).as("%s: runAsNonRoot", name).isTrue();
            assertThat(security.getRunAsUser()).as("%s: the uid its Dockerfile creates", name)
                    .isEqualTo((long) ImageDefinitionsTest.uid(ImageDefinitionsTest.dockerfile(name)));
            assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            Container container = pod.getContainers().get(0);
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            // every path mounted is a volume of the pod
            Set<String> volumes = new LinkedHashSet<>();
            pod.getVolumes().stream().map(Volume::getName).forEach(volumes::add);
            assertThat(volumes).containsAll(container.getVolumeMounts().stream().map(VolumeMount::getName).toList());
        }
    }

    @ParameterizedTest
    @MethodSource("rendered")
    void theExecutorWorksInAWritableVolumeAtItsWorkDir(Manifests.Rendered k) {
        Container container = pod(k.one(Deployment.class, "executor")).getContainers().get(0);
        String workDir = env(container).stream().filter(v -> v.getName().equals("TRIBUTARY_EXECUTOR_WORKDIR"))
                .map(EnvVar::getValue).findFirst()
                .orElseGet(() -> ImageDefinitionsTest.dockerfile("executor").env("TRIBUTARY_EXECUTOR_WORKDIR")
                        .orElseThrow());
        VolumeMount mount = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(workDir))
                .findFirst().orElseThrow(() -> new AssertionError("nothing mounted at the work dir " + workDir));
        assertThat(mount.getReadOnly()).isNotEqualTo(Boolean.TRUE);
        // one executor at a time: a new one fails the jobs it finds started, which the old one would still run
        assertThat(k.one(Deployment.class, "executor").getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(k.one(Deployment.class, "executor").getSpec().getReplicas()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("rendered")
    void theIngressSendsTheExecutorApiToTheExecutorAndEverythingElseToTheGateway(Manifests.Rendered k) {
        List<Ingress> ingresses = k.all(Ingress.class);
        assertThat(ingresses).hasSize(1);
        Ingress ingress = ingresses.get(0);
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        Map<String, String> routes = new LinkedHashMap<>();
        for (var rule : ingress.getSpec().getRules()) {
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                assertThat(path.getPathType()).isEqualTo("Prefix");
                IngressServiceBackend backend = path.getBackend().getService();
                Service service = k.one(Service.class, backend.getName());
                assertThat(service.getSpec().getPorts()).as("%s → Service %s port %s", path.getPath(),
                                backend.getName(), backend.getPort())
                        .anyMatch(p -> backend.getPort().getName() != null
                                ? backend.getPort().getName().equals(p.getName())
                                : backend.getPort().getNumber().equals(p.getPort()));
                routes.put(path.getPath(), backend.getName());
            }
        }
        // docs/decisions/0004: ingress-nginx routes by path only; the gateway routes by method
        assertThat(routes).containsExactly(Map.entry("/api/executor_api", "executor"), Map.entry("/", "gateway"));
    }

    @ParameterizedTest
    @MethodSource("rendered")
    void onlyTheExecutorHasAnAccountAndItIsBoundToItsRole(Manifests.Rendered k) {
        for (Deployment deployment : k.all(Deployment.class)) {
            PodSpec pod = pod(deployment);
            if (name(deployment).equals("executor")) {
                assertThat(k.one(ServiceAccount.class, pod.getServiceAccountName())).isNotNull();
            } else {
                assertThat(pod.getServiceAccountName()).as(name(deployment)).isNull();
                assertThat(pod.getAutomountServiceAccountToken()).as(name(deployment)).isFalse();
            }
        }
        String account = pod(k.one(Deployment.class, "executor")).getServiceAccountName();
        List<RoleBinding> bindings = k.all(RoleBinding.class);
        assertThat(bindings).hasSize(1);
        RoleBinding binding = bindings.get(0);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(k.one(Role.class, binding.getRoleRef().getName())).isNotNull();
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(account);
            assertThat(subject.getNamespace()).as("the account's namespace").isEqualTo(k.namespace());
        });
        assertThat(k.namespace()).isNotNull();
        for (HasMetadata object : k.objects()) {
            if (!object.getKind().equals("Namespace")) {
                assertThat(object.getMetadata().getNamespace()).as("%s %s", object.getKind(), name(object))
                        .isEqualTo(k.namespace());
            }
        }
    }

    @Test
    void theOverlaysCredentialsStayOutOfGit() {
        var kustomization = Manifests.kustomization(PRODUCTION);
        List<String> files = new ArrayList<>();
        kustomization.path("secretGenerator").forEach(g -> g.path("envs").forEach(e -> files.add(e.asText())));
        assertThat(files).hasSize(SECRETS.size());
        for (String file : files) {
            Path env = PRODUCTION.resolve(file);
            assertThat(env.resolveSibling(env.getFileName() + ".example")).as("the example of %s", file)
                    .isRegularFile();
            assertThat(Repository.read(env.resolveSibling(".gitignore")).lines().map(String::trim))
                    .as("%s is ignored by git", file).contains("*.env");
        }
    }

    // --- helpers

    static PodSpec pod(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec();
    }

    static List<EnvVar> env(Container container) {
        return container.getEnv() == null ? List.of() : container.getEnv();
    }

    static String name(HasMetadata object) {
        return object.getMetadata().getName();
    }

    /** The service's port: its server.port variable's value when the Deployment sets it, else the default. */
    private static int servicePort(ServiceModule module, Container container, Manifests.Rendered k) {
        String variable = module.portVariable();
        for (EnvVar env : env(container)) {
            if (env.getName().equals(variable)) {
                if (env.getValue() != null) {
                    return Integer.parseInt(env.getValue());
                }
                var ref = env.getValueFrom().getConfigMapKeyRef();
                return Integer.parseInt(k.one(ConfigMap.class, ref.getName()).getData().get(ref.getKey()));
            }
        }
        return module.defaultPort();
    }

    private static Integer containerPort(Container container, IntOrString port) {
        for (ContainerPort candidate : container.getPorts()) {
            if (port.getStrVal() != null ? port.getStrVal().equals(candidate.getName())
                    : port.getIntVal().equals(candidate.getContainerPort())) {
                return candidate.getContainerPort();
            }
        }
        return null;
    }

    /** "port path" of an HTTP probe, its port resolved to a number. */
    private static String probe(Probe probe, Container container, String what) {
        assertThat(probe).as(what).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as("%s is an HTTP probe", what).isNotNull();
        Integer port = containerPort(container, get.getPort());
        assertThat(port).as("%s: port %s is a container port", what, get.getPort()).isNotNull();
        return port + " " + get.getPath();
    }
}
