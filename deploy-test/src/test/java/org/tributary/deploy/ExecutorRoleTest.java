package org.tributary.deploy;

import io.fabric8.kubernetes.api.model.rbac.Role;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executor's Role is what the executor uses: the documented list in deploy/README.md, no more, no less, and
 * nothing the executor's code reaches through Fabric8 outside it.
 */
class ExecutorRoleTest {

    private static final Pattern ROW = Pattern.compile(
            "^\\|\\s*([\\w.]+)\\s*\\|\\s*([\\w/]+)\\s*\\|\\s*([a-z, ]+?)\\s*\\|.*\\|\\s*$");

    static Role role() {
        return Manifests.render(KubernetesManifestsTest.BASE).one(Role.class, "executor");
    }

    /** The table under "The executor's Kubernetes API calls" in deploy/README.md. */
    static Set<KubernetesCalls.Call> documented() {
        String readme = Repository.read("deploy/README.md");
        int section = readme.indexOf("## The executor's Kubernetes API calls");
        assertThat(section).as("deploy/README.md documents the executor's Kubernetes API calls").isNotNegative();
        int end = readme.indexOf("\n## ", section + 1);
        Set<KubernetesCalls.Call> calls = new LinkedHashSet<>();
        for (String line : readme.substring(section, end < 0 ? readme.length() : end).split("\n")) {
            Matcher m = ROW.matcher(line.trim());
            if (!m.matches() || m.group(1).equals("API")) {
                continue;
            }
            String group = m.group(1).equals("core") ? "" : m.group(1);
            for (String verb : m.group(3).split("\\s*,\\s*")) {
                calls.add(new KubernetesCalls.Call(group, m.group(2), verb));
            }
        }
        assertThat(calls).as("rows of the table").isNotEmpty();
        return calls;
    }

    @Test
    void theRoleGrantsExactlyTheDocumentedCalls() {
        assertThat(KubernetesCalls.grants(role())).containsExactlyInAnyOrderElementsOf(documented());
    }

    @Test
    void theRoleCoversEveryKubernetesCallOfTheExecutorsCode() {
        Set<KubernetesCalls.Call> used = new LinkedHashSet<>();
        List<Path> sources = ServiceModule.of("executor").sources().stream()
                .filter(p -> p.toString().endsWith(".java")).toList();
        assertThat(sources).isNotEmpty();
        for (Path source : sources) {
            used.addAll(KubernetesCalls.in(Repository.read(source)));
        }
        assertThat(KubernetesCalls.missing(used, KubernetesCalls.grants(role())))
                .as("Kubernetes calls of the executor that its Role does not grant (add them to the Role and to "
                        + "the table in deploy/README.md)")
                .isEmpty();
    }

    @Test
    void readsTheCallsOfTypicalFabric8Code() {
        String backend = """
                import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
                import io.fabric8.kubernetes.api.model.PodTemplateSpec;
                class Backend {
                    void run() {
                        client.batch().v1().jobs().inNamespace(ns).resource(job).create();
                        client.pods().inNamespace(ns).withLabel("tributary/job", id).inform(handler);
                        String log = client.pods().inNamespace(ns).withName(pod).getLog();
                        client.secrets().inNamespace(ns).withName("job-" + id).delete();
                        var maps = client.configMaps().inNamespace(ns); // a handle: some verb on configmaps
                    }
                }
                """;
        assertThat(KubernetesCalls.in(backend)).containsExactlyInAnyOrder(
                new KubernetesCalls.Call("batch", "jobs", null),
                new KubernetesCalls.Call("batch", "jobs", "create"),
                new KubernetesCalls.Call("", "pods", "list"),
                new KubernetesCalls.Call("", "pods", "watch"),
                new KubernetesCalls.Call("", "pods/log", "get"),
                new KubernetesCalls.Call("", "secrets", "delete"),
                new KubernetesCalls.Call("", "configmaps", null));
    }

    @Test
    void aCallTheRoleLacksIsReported() {
        String backend = """
                class Backend {
                    void run() {
                        client.batch().v1().jobs().inNamespace(ns).withName(name).edit(j -> j);
                        client.configMaps().inNamespace(ns).withName("x").get();
                        client.pods().inNamespace(ns).withName(pod).get();
                    }
                }
                """;
        assertThat(KubernetesCalls.missing(KubernetesCalls.in(backend), KubernetesCalls.grants(role())))
                .containsExactlyInAnyOrder(
                        new KubernetesCalls.Call("batch", "jobs", "patch"),
                        new KubernetesCalls.Call("", "configmaps", "get"));
    }
}
