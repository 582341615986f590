package org.tributary.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job-runner image of the Kubernetes backend's injected mode, held against what the build produces and what
 * the backend's pods expect (no Docker engine here to build it).
 */
class RunnerImageTest {

    static final Dockerfile DOCKERFILE = Dockerfile.of(Repository.path("deploy/images/job-runner/Dockerfile"));
    static final String MANIFESTS = Repository.read(
            "executor/src/main/java/org/tributary/executor/backend/kubernetes/JobManifests.java");

    static String constant(String name) {
        Matcher m = Pattern.compile(name + "\\s*=\\s*\"([^\"]+)\"").matcher(MANIFESTS);
        assertThat(m.find()).as("JobManifests.%s", name).isTrue();
        return m.group(1);
    }

    @Test
    void itsRuntimeIsJlinkedFromAPinnedJdkOfTheBuildsJavaVersion() {
        List<String> from = DOCKERFILE.all("FROM");
        assertThat(from).hasSize(2);
        String javaVersion = Repository.all(Repository.pom(Repository.path("pom.xml")).getDocumentElement(),
                "properties/java.version").get(0).getTextContent().trim();
        assertThat(from.get(0)).matches("eclipse-temurin:" + javaVersion + "\\.\\d+\\.\\d+(?:\\.\\d+)?_\\d+-jdk-[a-z]+"
                + " AS runtime");
        assertThat(String.join("\n", DOCKERFILE.all("RUN"))).contains("jdeps").contains("jlink");
        assertThat(from.get(1)).doesNotContain(":latest").contains(":");
    }

    @Test
    void itCopiesWhatTheBuildProducesAndNothingElse() {
        String version = Repository.version();
        List<String> copies = DOCKERFILE.all("COPY").stream().filter(c -> !c.startsWith("--from")).toList();
        assertThat(copies).containsExactly(
                "job-runner/target/job-runner-" + version + ".jar /build/lib/",
                "job-runner/target/runner-lib/ /build/lib/",
                "deploy/images/job-runner/tributary-runner /opt/tributary-runner/bin/tributary-runner");
        assertThat(Repository.read("job-runner/pom.xml")).contains("<goal>copy-dependencies</goal>")
                .contains("<outputDirectory>${project.build.directory}/runner-lib</outputDirectory>");
        List<String> admitted = Repository.read("deploy/images/job-runner/Dockerfile.dockerignore").lines()
                .filter(l -> l.startsWith("!")).map(l -> l.substring(1)).toList();
        assertThat(admitted).containsExactly("job-runner/target/job-runner-" + version + ".jar",
                "job-runner/target/runner-lib/", "deploy/images/job-runner/tributary-runner");
    }

    @Test
    void itsInitContainerLeavesTheLauncherWhereTheJobsContainerStartsIt() {
        String source = constant("RUNNER_SOURCE");
        String mount = constant("RUNNER_MOUNT");
        assertThat(DOCKERFILE.entrypoint()).containsExactly("cp", "-a", source + "/.", mount + "/");
        assertThat(MANIFESTS).contains("RUNNER_MOUNT + \"/bin/tributary-runner\"");
        assertThat(DOCKERFILE.all("COPY")).anyMatch(c -> c.endsWith(" " + source + "/bin/tributary-runner"));
        assertThat(DOCKERFILE.last("USER")).hasValueSatisfying(user -> assertThat(user).matches("\\d+:\\d+"));
    }

    @Test
    void theLauncherStartsTheRunnersMainClassWithTheRuntimeBesideIt() throws Exception {
        Path launcher = Repository.path("deploy/images/job-runner/tributary-runner");
        assertThat(Files.isExecutable(launcher)).isTrue();
        String text = Repository.read(launcher);
        assertThat(text).startsWith("#!/bin/sh").contains("$here/java/bin/java").contains("$here/lib/*");
        Matcher main = Pattern.compile("(org\\.tributary\\.runner\\.\\w+) \"\\$@\"").matcher(text);
        assertThat(main.find()).isTrue();
        String mainClass = main.group(1);
        assertThat(Repository.read("job-runner/src/main/java/" + mainClass.replace('.', '/') + ".java"))
                .contains("public static void main(String[] args)");
    }
}
