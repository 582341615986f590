package org.tributary.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An API key or an executor credential as its holder sends it: {@code trb_k_<id>_<secret>} or
 * {@code trb_e_<id>_<secret>}, the secret 256 random bits in URL-safe base64. The id says where to look; the
 * SHA-256 of the secret, kept there, says whether it is the one (compared in constant time). A digest suffices: the
 * secret is random, not a password a person chose, so there is nothing to guess.
 */
public record OpaqueCredential(Kind kind, long id, String secret) {

    private static final Pattern FORM = Pattern.compile("trb_([ke])_([1-9][0-9]{0,17})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    public enum Kind {
        API_KEY('k'), EXECUTOR('e');

        final char letter;

        Kind(char letter) {
            this.letter = letter;
        }
    }

    /** A new credential of {@code kind} for {@code id}, with a fresh secret. */
    public static OpaqueCredential create(Kind kind, long id) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new OpaqueCredential(kind, id, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Empty unless {@code token} has the form of a credential; whether it is a valid one is for its store to say. */
    public static Optional<OpaqueCredential> parse(String token) {
        Matcher m = token == null ? null : FORM.matcher(token);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        Kind kind = m.group(1).charAt(0) == 'k' ? Kind.API_KEY : Kind.EXECUTOR;
        return Optional.of(new OpaqueCredential(kind, Long.parseLong(m.group(2)), m.group(3)));
    }

    /** What the holder sends. */
    public String token() {
        return "trb_" + kind.letter + "_" + id + "_" + secret;
    }

    /** The SHA-256 of the secret, as 64 lower-case hex digits: what is kept. */
    public String digest() {
        return sha256(secret);
    }

    /** Whether this credential's secret is the one whose digest was kept; constant time. */
    public boolean matches(String keptDigest) {
        return keptDigest != null && MessageDigest.isEqual(digest().getBytes(StandardCharsets.US_ASCII),
                keptDigest.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Whether this credential is the kept one and still works: its secret matches the kept digest, it is not
     * revoked, and it has not expired ({@code expiresAt} null: until revoked).
     */
    public boolean works(String keptDigest, java.time.Instant revokedAt, java.time.Instant expiresAt,
                         java.time.Instant now) {
        return inForce(revokedAt, expiresAt, now) && matches(keptDigest);
    }

    /** Whether a kept credential is neither revoked nor expired ({@code expiresAt} null: until revoked). */
    public static boolean inForce(java.time.Instant revokedAt, java.time.Instant expiresAt, java.time.Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "trb_" + kind.letter + "_" + id + "_…";
    }
}
