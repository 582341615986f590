package org.tributary.domain.shared;

/**
 * A secret's value as events keep it: encrypted by command-service with a key held outside the event store.
 *
 * @param keyId      which of the platform's keys sealed it, so keys can be rotated
 * @param ciphertext base64 of the nonce and the authenticated ciphertext
 */
public record SealedValue(String keyId, String ciphertext) {

    public SealedValue {
        Check.notBlank("value", keyId, 64);
        Check.notBlank("value", ciphertext, 200_000);
    }
}
