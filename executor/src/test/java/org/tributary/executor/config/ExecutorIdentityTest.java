package org.tributary.executor.config;

import org.junit.jupiter.api.Test;
import org.tributary.access.OpaqueCredential;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The executor is who its credential says, or does not start. */
class ExecutorIdentityTest {

    static ExecutorProperties with(Long id, String credential) {
        return new ExecutorProperties(id, null, null, null, null, List.of(), null, null, null, null, null, null, null,
                credential);
    }

    @Test
    void theCredentialNamesTheId() {
        String credential = OpaqueCredential.create(OpaqueCredential.Kind.EXECUTOR, 42).token();
        assertThat(new ExecutorIdentity(with(null, credential)).id()).isEqualTo(42);
        assertThat(new ExecutorIdentity(with(42L, credential)).id()).isEqualTo(42);
    }

    @Test
    void withoutACredentialItDoesNotStartAndSaysHowToGetOne() {
        assertThatThrownBy(() -> new ExecutorIdentity(with(42L, null)))
                .hasMessageContaining("TRIBUTARY_EXECUTOR_CREDENTIAL");
    }

    @Test
    void aKeyOrAnotherExecutorsIdIsRefused() {
        assertThatThrownBy(() -> new ExecutorIdentity(with(null,
                OpaqueCredential.create(OpaqueCredential.Kind.API_KEY, 42).token())))
                .hasMessageContaining("not an executor credential");
        assertThatThrownBy(() -> new ExecutorIdentity(with(7L,
                OpaqueCredential.create(OpaqueCredential.Kind.EXECUTOR, 42).token())))
                .hasMessageContaining("executor 42's");
    }
}
