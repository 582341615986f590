package org.tributary.executor.backend.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The command line that runs one job's runner, from a template with {@code {host}} and {@code {job}}. */
final class RunnerCommand {

    static final String RUNNER_CLASS = "org.tributary.runner.JobRunner";
    private static final String[] RUNNER_CLASSPATH_CLASSES = {RUNNER_CLASS,
            "com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.core.JsonParser",
            "com.fasterxml.jackson.annotation.JsonProperty"};

    private final List<String> template;
    private final boolean tokenOnStdin;

    private RunnerCommand(List<String> template, boolean tokenOnStdin) {
        this.template = template;
        this.tokenOnStdin = tokenOnStdin;
    }

    /**
     * Whether the runner takes its refresh token as the first line of its stdin (the bundled runner) rather than
     * from {@code RNDFLOW_REFRESH_TOKEN} (a configured command, which may be the original job library).
     */
    boolean tokenOnStdin() {
        return tokenOnStdin;
    }

    /**
     * The configured template, split on white space when it is one string; else the bundled Java runner on this
     * JVM, with a class path made of the jars its classes were loaded from.
     */
    static RunnerCommand of(List<String> configured, Path libraryFolder) {
        if (configured.size() == 1 && configured.get(0).trim().contains(" ")) {
            return new RunnerCommand(List.of(configured.get(0).trim().split("\\s+")), false);
        }
        if (!configured.isEmpty()) {
            return new RunnerCommand(configured, false);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new RunnerCommand(List.of(java, "-cp", bundledClasspath(libraryFolder), RUNNER_CLASS,
                "--host", "{host}", "--job", "{job}", "--refresh-token-from", "stdin"), true);
    }

    List<String> forJob(String host, long jobId) {
        List<String> command = new ArrayList<>(template.size());
        for (String part : template) {
            command.add(part.replace("{host}", host).replace("{job}", Long.toString(jobId)));
        }
        return command;
    }

    private static String bundledClasspath(Path libraryFolder) {
        Set<String> entries = new LinkedHashSet<>();
        for (String className : RUNNER_CLASSPATH_CLASSES) {
            try {
                Class<?> type = Class.forName(className, false, RunnerCommand.class.getClassLoader());
                CodeSource source = type.getProtectionDomain().getCodeSource();
                if (source == null || source.getLocation() == null) {
                    throw new IllegalStateException("cannot tell where " + className + " was loaded from");
                }
                entries.add(localPath(source.getLocation(), libraryFolder).toString());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(RUNNER_CLASS + " is not on the class path; "
                        + "set tributary.executor.runner-command", e);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /**
     * A jar nested in a Spring Boot fat jar ({@code jar:nested:…!/}) cannot go on another JVM's class path, so it is
     * copied out once into {@code libraryFolder}.
     */
    private static Path localPath(URL location, Path libraryFolder) {
        try {
            if ("file".equals(location.getProtocol())) {
                return Path.of(location.toURI());
            }
            String text = location.toString();
            String inner = text.startsWith("jar:") ? text.substring(4) : text;
            if (inner.endsWith("!/")) {
                inner = inner.substring(0, inner.length() - 2);
            }
            String name = inner.substring(inner.lastIndexOf('/') + 1);
            Files.createDirectories(libraryFolder);
            Path target = libraryFolder.resolve(name);
            try (InputStream in = new URL(inner).openStream()) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot put " + location + " on the runner's class path", e);
        }
    }
}
