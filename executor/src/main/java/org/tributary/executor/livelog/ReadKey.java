package org.tributary.executor.livelog;

import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key query-service shows to read live job logs here: made at each start and announced to command-service with
 * this executor's URL. A job's pod reaches this executor too, and must not read other jobs' logs.
 */
@Component
public class ReadKey {

    private final String key;

    public ReadKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String value() {
        return key;
    }

    /** Whether an {@code Authorization} header shows this key as a bearer token (compared in constant time). */
    public boolean shownIn(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8),
                key.getBytes(StandardCharsets.UTF_8));
    }
}
