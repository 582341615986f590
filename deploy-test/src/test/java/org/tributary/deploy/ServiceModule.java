package org.tributary.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.w3c.dom.Element;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one service reads and serves, taken from its own files: its {@code <module>.yml}, the sources of the module
 * and of the Tributary libraries it depends on (event-tail reads settings too), and its pom.
 */
record ServiceModule(String name, Path dir, JsonNode config, Map<String, String> placeholders,
                     Set<String> relaxedNames, List<String> mainClasses, List<Path> sources) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** {@code ${NAME} or ${NAME:default}} with an upper-case name: an environment variable, not a property. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    /** The annotation on a record, up to the record's opening parenthesis. */
    private static final Pattern PROPERTIES_RECORD = Pattern.compile(
            "@ConfigurationProperties\\(\\s*(?:(?:prefix|value)\\s*=\\s*)?\"([a-z0-9.-]+)\"\\s*\\)"
                    + "\\s*(?:@\\w+\\s*)*public\\s+record\\s+\\w+\\s*\\(");
    private static final Pattern MAIN = Pattern.compile("public\\s+static\\s+void\\s+main\\s*\\(\\s*String");
    /** Environment variables the JVM itself reads: a Deployment may set them for any service. */
    /** Read by the JVM, or by Spring Boot itself (an additional config file, as the GPU overlay's executor has). */
    static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "TZ",
            "SPRING_CONFIG_ADDITIONAL_LOCATION");

    static ServiceModule of(String name) {
        Path dir = Repository.path(name);
        JsonNode config;
        try {
            config = YAML.readTree(dir.resolve("src/main/resources/" + name + ".yml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> roots = new ArrayList<>();
        roots.add(dir.resolve("src/main"));
        for (String library : tributaryDependencies(dir)) {
            roots.add(Repository.path(library).resolve("src/main"));
        }
        List<Path> sources = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(Files::isRegularFile)
                            .filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".yml")
                                    || f.toString().endsWith(".yaml") || f.toString().endsWith(".properties"))
                            .forEach(sources::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        Map<String, String> placeholders = new LinkedHashMap<>();
        Set<String> relaxed = new LinkedHashSet<>();
        List<String> mains = new ArrayList<>();
        for (Path source : sources) {
            String text = Repository.read(source);
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                placeholders.putIfAbsent(m.group(1), m.group(2));
            }
            if (source.toString().endsWith(".java")) {
                relaxed.addAll(relaxedNames(text));
                if (source.startsWith(dir) && MAIN.matcher(text).find()) {
                    mains.add(className(dir.resolve("src/main/java"), source));
                }
            }
        }
        return new ServiceModule(name, dir, config, placeholders, relaxed, mains, sources);
    }

    /**
     * The env names Spring's relaxed binding maps onto the components of {@code @ConfigurationProperties} records:
     * {@code tributary.executor} + {@code workDir} → {@code TRIBUTARY_EXECUTOR_WORKDIR}.
     */
    static Set<String> relaxedNames(String javaSource) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PROPERTIES_RECORD.matcher(javaSource);
        while (m.find()) {
            String prefix = m.group(1).replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
            for (String component : topLevelParts(javaSource, m.end())) {
                String plain = component.replaceAll("@\\w+(\\((?:[^()\"]|\"[^\"]*\")*\\))?", " ").trim();
                String[] words = plain.split("\\s+");
                names.add(prefix + "_" + words[words.length - 1].toUpperCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** The comma-separated parts of a parameter list that starts at {@code from}, up to its closing parenthesis. */
    private static List<String> topLevelParts(String text, int from) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder part = new StringBuilder();
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '<')) {
                depth++;
            } else if (!quoted && c == '>') {
                depth--;
            } else if (!quoted && c == ')') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (!quoted && c == ',' && depth == 0) {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        if (!part.toString().isBlank()) {
            parts.add(part.toString());
        }
        return parts;
    }

    /** Every environment variable this service's configuration reads. */
    Set<String> readableVariables() {
        Set<String> names = new LinkedHashSet<>(placeholders.keySet());
        names.addAll(relaxedNames);
        names.addAll(JVM_VARIABLES);
        return names;
    }

    /**
     * The variables a deployment must set: the ones whose default only works on a developer's machine (a loopback
     * address) and the credentials.
     */
    Set<String> requiredVariables() {
        Set<String> required = new LinkedHashSet<>();
        placeholders.forEach((variable, fallback) -> {
            boolean local = fallback != null && (fallback.contains("127.0.0.1") || fallback.contains("localhost"));
            boolean credential = variable.endsWith("_USER") || variable.endsWith("_PASSWORD")
                    || variable.endsWith("_ACCESS_KEY") || variable.endsWith("_SECRET_KEY");
            if (local || credential) {
                required.add(variable);
            }
        });
        return required;
    }

    /** {@code server.port}: its placeholder's variable (if any) and its default. */
    String portVariable() {
        Matcher m = PLACEHOLDER.matcher(config.path("server").path("port").asText());
        return m.matches() ? m.group(1) : null;
    }

    int defaultPort() {
        String value = config.path("server").path("port").asText("8080");
        Matcher m = PLACEHOLDER.matcher(value);
        return Integer.parseInt(m.matches() ? m.group(2) : value);
    }

    /** The Actuator health paths this service answers on its server port. */
    Set<String> healthPaths() {
        JsonNode management = config.path("management");
        Set<String> paths = new LinkedHashSet<>();
        String include = management.path("endpoints").path("web").path("exposure").path("include").asText("health");
        boolean exposed = List.of(include.split("\\s*,\\s*")).contains("health") || include.equals("*");
        // a separate management port, base path or servlet context path would move them: none is expected
        boolean moved = !management.path("server").path("port").isMissingNode()
                || !management.path("endpoints").path("web").path("base-path").isMissingNode()
                || !config.path("server").path("servlet").path("context-path").isMissingNode();
        if (!exposed || moved) {
            return paths;
        }
        paths.add("/actuator/health");
        if (management.path("endpoint").path("health").path("probes").path("enabled").asBoolean(false)) {
            paths.add("/actuator/health/liveness");
            paths.add("/actuator/health/readiness");
        }
        return paths;
    }

    /** The single element of the module's pom. */
    Element pom() {
        return Repository.pom(dir.resolve("pom.xml")).getDocumentElement();
    }

    private static List<String> tributaryDependencies(Path dir) {
        Element project = Repository.pom(dir.resolve("pom.xml")).getDocumentElement();
        List<String> names = new ArrayList<>();
        for (Element dependency : Repository.all(project, "dependencies/dependency")) {
            String group = Repository.text(dependency, "groupId").orElse("");
            String scope = Repository.text(dependency, "scope").orElse("compile");
            String artifact = Repository.text(dependency, "artifactId").orElseThrow();
            if (group.equals("org.tributary") && !scope.equals("test")
                    && Files.isDirectory(Repository.path(artifact))) {
                names.add(artifact);
            }
        }
        return names;
    }

    private static String className(Path sourceRoot, Path file) {
        String relative = sourceRoot.relativize(file).toString();
        return relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
    }
}
