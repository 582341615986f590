package org.tributary.executor.config;

import org.springframework.stereotype.Component;
import org.tributary.access.OpaqueCredential;

/**
 * This executor's id at command-service: the one its credential names. An admin registers the executor
 * ({@code POST /api/executors}) and hands it the credential the answer carries ({@code tributary.executor.credential},
 * {@code TRIBUTARY_EXECUTOR_CREDENTIAL}); the standalone run does both by itself. A configured {@code id} must agree.
 */
@Component
public class ExecutorIdentity {

    private final long id;

    public ExecutorIdentity(ExecutorProperties properties) {
        this.id = of(properties);
    }

    static long of(ExecutorProperties properties) {
        if (properties.credential() == null) {
            throw new IllegalStateException("This executor has no credential: an admin registers it (POST "
                    + "/api/executors) and sets the answer's credential as TRIBUTARY_EXECUTOR_CREDENTIAL "
                    + "(tributary.executor.credential)");
        }
        OpaqueCredential credential = OpaqueCredential.parse(properties.credential())
                .filter(c -> c.kind() == OpaqueCredential.Kind.EXECUTOR)
                .orElseThrow(() -> new IllegalStateException("tributary.executor.credential is not an executor "
                        + "credential (trb_e_<id>_<secret>)"));
        if (properties.id() != null && properties.id() != credential.id()) {
            throw new IllegalStateException("tributary.executor.id is " + properties.id() + " but the credential "
                    + "is executor " + credential.id() + "'s");
        }
        return credential.id();
    }

    public long id() {
        return id;
    }
}
