package org.tributary.domain.project.api;

import org.tributary.domain.shared.SealedValue;
import org.tributary.domain.shared.SecretKind;

import java.util.List;

/** A project secret was set; its value only sealed. {@code nodeIds} {@code null}: every node. */
public record ProjectSecretSet(long projectId, String name, SecretKind kind, List<Long> nodeIds, SealedValue value)
        implements ProjectEvent {
}
