package org.tributary.deploy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.zjsonpatch.JsonPatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a Kustomize folder the way {@code kustomize build} does for the features deploy/k8s uses (resources, a
 * namespace, images, secretGenerator from env files, JSON 6902 patches) and loads the result into Fabric8's typed
 * model. Anything else in a kustomization.yaml fails the test rather than being silently ignored.
 */
final class Manifests {

    /** Fabric8's model keeps unknown fields in "additionalProperties"; with that removed, an unknown field fails. */
    static final ObjectMapper STRICT = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .addModule(new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean,
                                                             BeanDeserializerBuilder builder) {
                    if (bean.getBeanClass().getName().startsWith("io.fabric8.")) {
                        builder.setAnySetter(null);
                    }
                    return builder;
                }
            }))
            .build();

    static final ObjectMapper TREE = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The kinds deploy/k8s may hold, by apiVersion and kind. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "apps/v1/Deployment", Deployment.class,
            "networking.k8s.io/v1/Ingress", Ingress.class,
            "rbac.authorization.k8s.io/v1/Role", Role.class,
            "rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class);
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");
    private static final Set<String> KUSTOMIZATION_FIELDS = Set.of("apiVersion", "kind", "namespace", "resources",
            "images", "secretGenerator", "patches");

    private Manifests() {
    }

    /** The rendered objects of one kustomization, typed. */
    record Rendered(Path dir, String namespace, List<HasMetadata> objects) {

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> T one(Class<T> type, String name) {
            List<T> found = all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).toList();
            if (found.size() != 1) {
                throw new AssertionError(found.size() + " " + type.getSimpleName() + " named " + name + " in " + dir);
            }
            return found.get(0);
        }
    }

    static Rendered render(Path dir) {
        List<ObjectNode> nodes = renderTree(dir);
        String namespace = nodes.stream().map(n -> n.path("metadata").path("namespace").asText(null))
                .filter(ns -> ns != null).findFirst().orElse(null);
        List<HasMetadata> objects = new ArrayList<>();
        for (ObjectNode node : nodes) {
            objects.add(typed(node, dir));
        }
        return new Rendered(dir, namespace, objects);
    }

    /** Every YAML document of one file, typed strictly. */
    static List<HasMetadata> load(Path file) {
        return documents(file).stream().map(node -> typed(node, file)).toList();
    }

    static HasMetadata typed(ObjectNode node, Path from) {
        String key = node.path("apiVersion").asText() + "/" + node.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(key);
        if (type == null) {
            throw new AssertionError(from + ": kind " + key + " is not one deploy/k8s is expected to hold");
        }
        try {
            return STRICT.treeToValue(node, type);
        } catch (IOException e) {
            throw new AssertionError(from + ": " + key + " " + node.path("metadata").path("name").asText()
                    + " does not load as " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    static List<ObjectNode> documents(Path file) {
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            List<ObjectNode> nodes = new ArrayList<>();
            Iterator<JsonNode> docs = TREE.readValues(parser, JsonNode.class);
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                if (!doc.isObject()) {
                    throw new AssertionError(file + ": a document that is not a mapping");
                }
                nodes.add((ObjectNode) doc);
            }
            return nodes;
        } catch (IOException e) {
            throw new UncheckedIOException(file + " does not parse", e);
        }
    }

    static JsonNode kustomization(Path dir) {
        List<ObjectNode> docs = documents(dir.resolve("kustomization.yaml"));
        if (docs.size() != 1) {
            throw new AssertionError(dir + "/kustomization.yaml must hold one document");
        }
        JsonNode k = docs.get(0);
        k.fieldNames().forEachRemaining(field -> {
            if (!KUSTOMIZATION_FIELDS.contains(field)) {
                throw new AssertionError(dir + "/kustomization.yaml uses '" + field
                        + "', which this test does not render: keep the kustomizations to " + KUSTOMIZATION_FIELDS);
            }
        });
        return k;
    }

    private static List<ObjectNode> renderTree(Path dir) {
        JsonNode k = kustomization(dir);
        List<ObjectNode> nodes = new ArrayList<>();
        for (JsonNode resource : k.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                nodes.addAll(renderTree(path));
            } else {
                nodes.addAll(documents(path));
            }
        }
        for (JsonNode generator : k.path("secretGenerator")) {
            nodes.add(generatedSecret(dir, generator));
        }
        for (JsonNode patch : k.path("patches")) {
            applyPatch(dir, patch, nodes);
        }
        String namespace = k.path("namespace").asText(null);
        if (namespace != null) {
            for (ObjectNode node : nodes) {
                if (CLUSTER_SCOPED.contains(node.path("kind").asText())) {
                    if (node.path("kind").asText().equals("Namespace")) {
                        ((ObjectNode) node.path("metadata")).put("name", namespace);
                    }
                } else {
                    ((ObjectNode) node.get("metadata")).put("namespace", namespace);
                }
            }
        }
        for (JsonNode image : k.path("images")) {
            for (ObjectNode node : nodes) {
                for (JsonNode container : node.path("spec").path("template").path("spec").path("containers")) {
                    String current = container.path("image").asText();
                    int colon = current.lastIndexOf(':');
                    String name = colon < 0 ? current : current.substring(0, colon);
                    String tag = colon < 0 ? null : current.substring(colon + 1);
                    if (name.equals(image.path("name").asText())) {
                        String newName = image.path("newName").asText(name);
                        String newTag = image.path("newTag").asText(tag);
                        ((ObjectNode) container).put("image", newTag == null ? newName : newName + ":" + newTag);
                    }
                }
            }
        }
        return nodes;
    }

    /** As kustomize does with {@code envs}: one key per line, {@code #} comments; the example file stands in. */
    private static ObjectNode generatedSecret(Path dir, JsonNode generator) {
        Map<String, String> data = new LinkedHashMap<>();
        for (JsonNode env : generator.path("envs")) {
            Path example = dir.resolve(env.asText() + ".example");
            for (String line : Repository.read(example).split("\n")) {
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int eq = trimmed.indexOf('=');
                if (eq <= 0) {
                    throw new AssertionError(example + ": not KEY=value: " + line);
                }
                data.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
            }
        }
        ObjectNode secret = JsonNodeFactory.instance.objectNode();
        secret.put("apiVersion", "v1").put("kind", "Secret").put("type", "Opaque");
        secret.putObject("metadata").put("name", generator.path("name").asText());
        ObjectNode stringData = secret.putObject("stringData");
        data.forEach(stringData::put);
        return secret;
    }

    private static void applyPatch(Path dir, JsonNode patch, List<ObjectNode> nodes) {
        Path file = dir.resolve(patch.path("path").asText());
        JsonNode operations;
        try {
            operations = TREE.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(operations instanceof ArrayNode)) {
            throw new AssertionError(file + ": only JSON 6902 patches (a list of operations) are used in deploy/k8s");
        }
        String kind = patch.path("target").path("kind").asText();
        String name = patch.path("target").path("name").asText();
        int matched = 0;
        for (int i = 0; i < nodes.size(); i++) {
            ObjectNode node = nodes.get(i);
            if (node.path("kind").asText().equals(kind) && node.path("metadata").path("name").asText().equals(name)) {
                nodes.set(i, (ObjectNode) JsonPatch.apply(operations, node));
                matched++;
            }
        }
        if (matched != 1) {
            throw new AssertionError(file + " targets " + kind + " " + name + ", which matches " + matched
                    + " objects");
        }
    }
}
