package org.tributary.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The instructions of a Dockerfile: comments dropped, continued lines joined. */
record Dockerfile(Path file, List<Instruction> instructions) {

    record Instruction(String keyword, String arguments) {
    }

    static Dockerfile of(Path file) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Repository.read(file).split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || (current.length() == 0 && trimmed.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String whole = current.toString().trim();
            current.setLength(0);
            int space = whole.indexOf(' ');
            instructions.add(new Instruction(whole.substring(0, space).toUpperCase(Locale.ROOT),
                    whole.substring(space + 1).trim()));
        }
        return new Dockerfile(file, instructions);
    }

    List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    Optional<String> last(String keyword) {
        List<String> found = all(keyword);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    /** ENTRYPOINT in exec form (a JSON array); the shell form would not pass signals to the JVM. */
    List<String> entrypoint() {
        String json = last("ENTRYPOINT").orElseThrow(() -> new AssertionError(file + " has no ENTRYPOINT"));
        try {
            return new ObjectMapper().readValue(json, new TypeReference<List<String>>() {
            });
        } catch (IOException e) {
            throw new AssertionError(file + ": ENTRYPOINT is not in exec form (a JSON array): " + json, e);
        }
    }

    /** ENV NAME=value pairs (one or several per instruction, values without spaces or in double quotes). */
    Optional<String> env(String name) {
        for (String arguments : all("ENV")) {
            for (String pair : arguments.split("\\s+(?=[A-Za-z_][A-Za-z0-9_]*=)")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return Optional.of(pair.substring(eq + 1).replaceAll("^\"|\"$", ""));
                }
            }
        }
        return Optional.empty();
    }
}
