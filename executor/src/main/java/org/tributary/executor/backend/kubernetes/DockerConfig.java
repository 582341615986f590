package org.tributary.executor.backend.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tributary.executor.backend.JobSecret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The {@code .dockerconfigjson} of a job's registry credentials: what kubelet reads to pull a private image. */
final class DockerConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DockerConfig() {
    }

    /** {@code {"auths": {registry: {username, password, auth}}}}, registries in name order; null when none. */
    static String of(List<JobSecret> secrets) {
        Map<String, Object> auths = new TreeMap<>();
        for (JobSecret secret : secrets) {
            if (secret.isRegistry()) {
                Map<String, String> auth = new LinkedHashMap<>();
                auth.put("username", secret.username());
                auth.put("password", secret.password());
                auth.put("auth", Base64.getEncoder().encodeToString((secret.username() + ":" + secret.password())
                        .getBytes(StandardCharsets.UTF_8)));
                auths.put(secret.registry(), auth);
            }
        }
        if (auths.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(Map.of("auths", auths));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
