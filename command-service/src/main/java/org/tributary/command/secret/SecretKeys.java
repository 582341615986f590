package org.tributary.command.secret;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * The keys that seal project secrets, held outside the event store (an environment variable from a Kubernetes
 * Secret, or the standalone run's data folder). Each is 32 random bytes, base64.
 *
 * @param key      the key that seals new values ({@code TRIBUTARY_SECRETS_KEY}); without one, secrets cannot be set
 * @param keyId    its id, recorded with every value it seals ({@code TRIBUTARY_SECRETS_KEY_ID}, default {@code k1})
 * @param retired  earlier keys by id, still able to unseal what they sealed, while values are set anew (rotation)
 */
@ConfigurationProperties("tributary.secrets")
public record SecretKeys(String key, String keyId, Map<String, String> retired) {

    public SecretKeys {
        if (keyId == null || keyId.isBlank()) {
            keyId = "k1";
        }
        retired = retired == null ? Map.of() : Map.copyOf(retired);
    }
}
