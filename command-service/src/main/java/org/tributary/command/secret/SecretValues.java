package org.tributary.command.secret;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.SecretKind;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a secret's plaintext is, by kind: a variable's value as given; registry credentials as a small JSON object
 * ({@code registry}, {@code username}, {@code password}) from which the executor builds an image pull secret.
 */
final class SecretValues {

    static final int MAX_VALUE = 65536;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecretValues() {
    }

    static String plaintext(SecretKind kind, SecretController.SecretBody body) {
        if (kind == SecretKind.VARIABLE) {
            if (body.registry() != null || body.username() != null || body.password() != null) {
                throw new InvalidInput("kind", "registry, username and password are for kind registry; a variable"
                        + " has a value");
            }
            return value("value", body.value());
        }
        if (body.value() != null) {
            throw new InvalidInput("value", "registry credentials have registry, username and password, no value");
        }
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("registry", host(body.registry()));
        credentials.put("username", value("username", body.username()));
        credentials.put("password", value("password", body.password()));
        try {
            return JSON.writeValueAsString(credentials);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Any text an environment variable can hold: no NUL, at most 64 KiB. */
    private static String value(String field, String value) {
        if (value == null) {
            throw new InvalidInput(field, field + " is required");
        }
        if (value.length() > MAX_VALUE) {
            throw new InvalidInput(field, field + " must be at most " + MAX_VALUE + " characters");
        }
        if (value.indexOf('\0') >= 0) {
            throw new InvalidInput(field, field + " must not contain NUL characters");
        }
        return value;
    }

    /** A registry's host (and port), as image references name it: {@code ghcr.io}, {@code registry:5000}. */
    private static String host(String registry) {
        if (registry == null || !registry.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(:[0-9]{1,5})?")) {
            throw new InvalidInput("registry", "registry must be a registry host such as ghcr.io or registry:5000");
        }
        return registry;
    }
}
