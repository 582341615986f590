package org.tributary.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.w3c.dom.Element;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Images are not built here (no Docker engine): instead each Dockerfile is held against what the Maven build really
 * produces and what the service really is.
 */
class ImageDefinitionsTest {

    static final List<String> SERVICES = Repository.SERVICES;
    /** A precise Temurin JRE tag (no floating "17-jre"), optionally with a digest. */
    private static final Pattern PINNED_JRE = Pattern.compile(
            "eclipse-temurin:(\\d+)\\.\\d+\\.\\d+(?:\\.\\d+)?_\\d+-jre-[a-z]+(?:@sha256:[0-9a-f]{64})?");

    static Dockerfile dockerfile(String service) {
        return Dockerfile.of(Repository.path("deploy/images/" + service + "/Dockerfile"));
    }

    /** The jar `mvn package` leaves in target/: artifactId-version-classifier.jar of the repackage goal. */
    static String builtJar(String service) {
        Element root = Repository.pom(Repository.path("pom.xml")).getDocumentElement();
        Element module = ServiceModule.of(service).pom();
        String artifactId = Repository.text(module, "artifactId").orElseThrow();
        String version = Repository.text(module, "version").orElse(Repository.version());
        assertThat(Repository.all(module, "build/finalName")).as("%s renames its jar", service).isEmpty();
        assertThat(Repository.all(root, "build/finalName")).as("the root pom renames jars").isEmpty();

        List<Element> plugins = bootPlugins(module, "build/plugins/plugin");
        assertThat(plugins).as("%s/pom.xml has the spring-boot-maven-plugin", service).hasSize(1);
        List<String> goals = Repository.all(plugins.get(0), "executions/execution/goals/goal").stream()
                .map(e -> e.getTextContent().trim()).toList();
        assertThat(goals).as("%s repackages its jar into an executable one", service).contains("repackage");
        String classifier = classifier(plugins.get(0))
                .orElseGet(() -> bootPlugins(root, "build/pluginManagement/plugins/plugin").stream()
                        .map(ImageDefinitionsTest::classifier).flatMap(java.util.Optional::stream).findFirst()
                        .orElse(null));
        assertThat(classifier).as("the classifier of %s's executable jar", service).isEqualTo("exec");
        return service + "/target/" + artifactId + "-" + version + "-" + classifier + ".jar";
    }

    static int uid(Dockerfile dockerfile) {
        String user = dockerfile.last("USER").orElseThrow(() -> new AssertionError(dockerfile.file() + ": no USER"));
        Matcher m = Pattern.compile("(\\d+)(?::(\\d+))?").matcher(user);
        assertThat(m.matches()).as("%s: USER %s is numeric (uid[:gid])", dockerfile.file(), user).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void startsFromAPinnedTemurinJreOfTheBuildsJavaVersion(String service) {
        List<String> from = dockerfile(service).all("FROM");
        assertThat(from).as("%s: one stage, FROM the runtime", service).hasSize(1);
        Matcher m = PINNED_JRE.matcher(from.get(0));
        assertThat(m.matches()).as("%s: FROM %s is a precise Temurin JRE tag", service, from.get(0)).isTrue();
        String javaVersion = Repository.all(Repository.pom(Repository.path("pom.xml")).getDocumentElement(),
                "properties/java.version").get(0).getTextContent().trim();
        assertThat(m.group(1)).as("%s: the JRE runs the release the build compiles for", service)
                .isEqualTo(javaVersion);
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void copiesTheExecutableJarTheBuildProduces(String service) {
        Dockerfile dockerfile = dockerfile(service);
        String jar = builtJar(service);
        List<String> copies = dockerfile.all("COPY");
        assertThat(copies).as("%s copies one file", service).hasSize(1);
        List<String> words = List.of(copies.get(0).split("\\s+")).stream().filter(w -> !w.startsWith("--")).toList();
        assertThat(words.subList(0, words.size() - 1)).as("%s: COPY source", service).containsExactly(jar);

        // BuildKit sends only what <Dockerfile>.dockerignore lets through: the jar must be among it
        List<String> ignore = Repository.read("deploy/images/" + service + "/Dockerfile.dockerignore").lines()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ignore).as("%s: the build context is the jar alone", service).containsExactly("*", "!" + jar);
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void startsTheCopiedJarWhoseStartClassIsTheServicesMain(String service) throws IOException {
        Dockerfile dockerfile = dockerfile(service);
        List<String> copy = List.of(dockerfile.all("COPY").get(0).split("\\s+"));
        String copiedTo = copy.get(copy.size() - 1);
        List<String> entrypoint = dockerfile.entrypoint();
        assertThat(entrypoint.get(0)).isEqualTo("java");
        int jarFlag = entrypoint.indexOf("-jar");
        assertThat(jarFlag).as("%s starts with java -jar", service).isPositive();
        assertThat(entrypoint.get(jarFlag + 1)).as("%s starts the jar it copied", service).isEqualTo(copiedTo);
        assertThat(entrypoint.subList(1, jarFlag)).as("%s: the heap follows the container's memory limit", service)
                .anyMatch(flag -> flag.matches("-XX:MaxRAMPercentage=\\d+(\\.\\d+)?"));

        // spring-boot's repackage writes the one class with a main method as Start-Class; it must be the service's
        ServiceModule module = ServiceModule.of(service);
        assertThat(module.mainClasses()).as("%s has exactly one main class", service).hasSize(1);
        String main = module.mainClasses().get(0);
        String source = Repository.read(module.dir().resolve("src/main/java/" + main.replace('.', '/') + ".java"));
        assertThat(source).as("%s's main class is its Spring Boot application", service)
                .containsPattern("@SpringBoot(Application|Configuration)")
                .contains("spring.config.name=" + service);

        // once built, the jar itself tells: its manifest names the same class
        Path built = Repository.path(builtJar(service));
        if (Files.isRegularFile(built)) {
            try (JarFile jar = new JarFile(built.toFile())) {
                Manifest manifest = jar.getManifest();
                assertThat(manifest.getMainAttributes().getValue("Start-Class")).isEqualTo(main);
            }
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void runsAsANumericUserThatIsNotRoot(String service) {
        Dockerfile dockerfile = dockerfile(service);
        String user = dockerfile.last("USER").orElseThrow();
        assertThat(user).as("%s: USER", service).matches("\\d+(:\\d+)?");
        for (String id : user.split(":")) {
            assertThat(Integer.parseInt(id)).as("%s: USER %s is not root", service, user).isNotZero();
        }
        // USER must come before ENTRYPOINT takes effect at run time; after the last RUN, so nothing runs as root later
        List<String> order = dockerfile.instructions().stream().map(Dockerfile.Instruction::keyword).toList();
        assertThat(order.lastIndexOf("USER")).as("%s: USER follows every RUN", service)
                .isGreaterThan(order.lastIndexOf("RUN"));
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void exposesThePortTheServiceListensOn(String service) {
        assertThat(dockerfile(service).all("EXPOSE"))
                .containsExactly(String.valueOf(ServiceModule.of(service).defaultPort()));
    }

    @Test
    void executorWorkDirIsAFolderItsUserOwns() {
        Dockerfile dockerfile = dockerfile("executor");
        String workDir = dockerfile.env("TRIBUTARY_EXECUTOR_WORKDIR")
                .orElseThrow(() -> new AssertionError("the executor image sets no work dir"));
        // the name binds to tributary.executor.work-dir (relaxed binding of ExecutorProperties.workDir)
        assertThat(ServiceModule.of("executor").relaxedNames()).contains("TRIBUTARY_EXECUTOR_WORKDIR");
        int uid = uid(dockerfile);
        String runs = String.join(" && ", dockerfile.all("RUN"));
        assertThat(runs).as("the image creates %s", workDir).containsPattern("mkdir -p [^&]*" + Pattern.quote(workDir));
        assertThat(runs).as("the executor's user owns %s", workDir)
                .containsPattern("chown (-R )?" + uid + "(:\\d+)? [^&]*" + Pattern.quote(workDir));
    }

    private static List<Element> bootPlugins(Element from, String path) {
        return Repository.all(from, path).stream()
                .filter(p -> Repository.text(p, "artifactId").orElse("").equals("spring-boot-maven-plugin"))
                .toList();
    }

    private static java.util.Optional<String> classifier(Element plugin) {
        return Repository.all(plugin, "configuration/classifier").stream().map(e -> e.getTextContent().trim())
                .findFirst();
    }
}
