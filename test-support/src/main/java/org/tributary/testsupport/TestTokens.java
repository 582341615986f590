package org.tributary.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Access tokens as command-service signs them, for testing a service without command-service: an RSA key, its JWK
 * set served on a local port ({@link #jwkSetUri()}, for {@code tributary.security.jwk-set-uri}), and tokens for a
 * user or an admin signed with it.
 */
public final class TestTokens {

    private static TestTokens shared;

    private final RSAKey key;
    private final HttpServer server;

    private TestTokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            String jwks = new JWKSet(key.toPublicJWK()).toString();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/jwks", exchange -> {
                byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One for the JVM: services under test in one JVM share it. */
    public static synchronized TestTokens shared() {
        if (shared == null) {
            shared = new TestTokens();
        }
        return shared;
    }

    public String jwkSetUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    /** A platform admin's token (user 1). */
    public String admin() {
        return user(1, "admin", true);
    }

    public String user(long userId, String login, boolean admin) {
        return sign(userId, login, admin, Instant.now().plusSeconds(3600));
    }

    /** A token with these claims, signed with this key: an OpenID Connect provider's ID token, say. */
    public String sign(JWTClaimsSet claims) {
        return sign(key, claims);
    }

    public String sign(long userId, String login, boolean admin, Instant expiresAt) {
        return sign(key, new JWTClaimsSet.Builder().issuer("tributary").subject(Long.toString(userId))
                .claim("login", login).claim("adm", admin).issueTime(new Date())
                .expirationTime(Date.from(expiresAt)).build());
    }

    /** {@code claims} signed with {@code key} (RS256, its key id in the header), as any issuer signs them. */
    public static String sign(RSAKey key, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
