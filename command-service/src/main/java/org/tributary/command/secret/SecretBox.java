package org.tributary.command.secret;

import org.springframework.stereotype.Component;
import org.tributary.domain.shared.SealedValue;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Seals and unseals project secrets with AES-256-GCM. The additional data names the project and the secret, so a
 * sealed value copied to another secret or project does not open there. A sealed value is the 12-byte nonce
 * followed by the ciphertext and its tag, base64; the key's id is kept beside it.
 */
@Component
public class SecretBox {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final String currentId;
    private final Map<String, SecretKeySpec> keys = new HashMap<>();

    public SecretBox(SecretKeys settings) {
        this.currentId = settings.keyId();
        settings.retired().forEach((id, key) -> keys.put(id, key(id, key)));
        if (settings.key() != null && !settings.key().isBlank()) {
            keys.put(currentId, key(currentId, settings.key()));
        }
    }

    /** A platform without a key takes no secrets (409), rather than keeping them in the clear. */
    public SealedValue seal(long projectId, String name, String plaintext) {
        SecretKeySpec key = keys.get(currentId);
        if (key == null) {
            throw new NoKey();
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context(projectId, name));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return new SealedValue(currentId, Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a secret", e);
        }
    }

    public String unseal(long projectId, String name, SealedValue sealed) {
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("secret " + name + " of project " + projectId + " was sealed with key '"
                    + sealed.keyId() + "', which this platform no longer holds (tributary.secrets.retired)");
        }
        byte[] all = Base64.getDecoder().decode(sealed.ciphertext());
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(context(projectId, name));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secret " + name + " of project " + projectId + " does not open with key '"
                    + sealed.keyId() + "'", e);
        }
    }

    private static byte[] context(long projectId, String name) {
        return ("tributary-secret:" + projectId + ":" + name).getBytes(StandardCharsets.UTF_8);
    }

    private static SecretKeySpec key(String id, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("secret key '" + id + "' is not base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("secret key '" + id + "' must be 32 bytes (base64 of 32 random bytes, "
                    + "e.g. `openssl rand -base64 32`), not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** No key to seal with: the platform was started without {@code tributary.secrets.key}. */
    public static final class NoKey extends RuntimeException {
        NoKey() {
            super("This platform has no key to seal secrets with; its operator sets tributary.secrets.key "
                    + "(TRIBUTARY_SECRETS_KEY: base64 of 32 random bytes)");
        }
    }
}
