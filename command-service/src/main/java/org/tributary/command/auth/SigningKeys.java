package org.tributary.command.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The RSA key access tokens are signed with (RS256), made on the first start and kept in {@code signing_key} so
 * that every replica and every restart signs with the same one; the public halves are the JWK set the services
 * check tokens with ({@code GET /api/auth/jwks}).
 */
@Component
public class SigningKeys {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile List<RSAKey> keys;

    public SigningKeys(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The newest key, with its private half: the one that signs. */
    public RSAKey signing() {
        return all().get(0);
    }

    /** The public halves of every key, newest first. */
    public JWKSet publicSet() {
        return new JWKSet(all().stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList());
    }

    private List<RSAKey> all() {
        List<RSAKey> known = keys;
        if (known == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = loadOrCreate();
                }
                known = keys;
            }
        }
        return known;
    }

    private List<RSAKey> loadOrCreate() {
        List<RSAKey> stored = load();
        if (!stored.isEmpty()) {
            return stored;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            // two replicas starting at once: the first insert wins, and both use what was kept
            jdbc.update("INSERT INTO signing_key (kid, private_key, public_key, created_at) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT DO NOTHING", UUID.randomUUID().toString(), pair.getPrivate().getEncoded(),
                    pair.getPublic().getEncoded(), Timestamp.from(clock.instant()));
            return load();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a signing key", e);
        }
    }

    private List<RSAKey> load() {
        return jdbc.query("SELECT kid, private_key, public_key FROM signing_key ORDER BY created_at DESC, kid",
                (rs, i) -> {
                    try {
                        KeyFactory rsa = KeyFactory.getInstance("RSA");
                        RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                                new X509EncodedKeySpec(rs.getBytes("public_key")));
                        RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(
                                new PKCS8EncodedKeySpec(rs.getBytes("private_key")));
                        return new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(rs.getString("kid"))
                                .keyUse(KeyUse.SIGNATURE).algorithm(com.nimbusds.jose.JWSAlgorithm.RS256).build();
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException("a kept signing key cannot be read", e);
                    }
                });
    }
}
