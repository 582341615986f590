package org.tributary.command.membership;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.access.Access;
import org.tributary.access.Caller;
import org.tributary.access.Callers;
import org.tributary.access.OpaqueCredential;
import org.tributary.command.auth.StoredCredentials;
import org.tributary.command.membership.MembershipRequests.KeyBody;
import org.tributary.command.membership.MembershipRequests.KeyCreated;
import org.tributary.command.membership.MembershipRequests.KeyRevoked;
import org.tributary.command.web.Commands;
import org.tributary.domain.project.api.CreateApiKey;
import org.tributary.domain.project.api.RevokeApiKey;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.ProjectRole;

import java.time.Instant;

/**
 * A project's API keys (the original platform's "project as a service": its client sends one as a Bearer token). A
 * member makes one with a role no higher than their own; its secret is answered once and kept only as a digest, in
 * the event (for every service) and here (with its expiry and revocation, in the same transaction).
 */
@RestController
@RequestMapping("/api/projects/{projectId}/api_keys")
@Access(value = Access.Rule.PROJECT, usersOnly = true)
class ApiKeyController {

    private final Commands commands;
    private final StoredCredentials credentials;

    ApiKeyController(Commands commands, StoredCredentials credentials) {
        this.commands = commands;
        this.credentials = credentials;
    }

    @PostMapping
    @Transactional
    ResponseEntity<KeyCreated> create(@PathVariable long projectId, @RequestBody KeyBody body) {
        Caller caller = Callers.current();
        Check.notNull("body", body);
        ProjectRole role = ProjectRole.of(Check.notNull("role", body.role()));
        long keyId = credentials.nextKeyId();
        OpaqueCredential key = OpaqueCredential.create(OpaqueCredential.Kind.API_KEY, keyId);
        commands.send(new CreateApiKey(projectId, caller.id(), keyId, body.name(), role, body.expiresAt(),
                Instant.now(), key.digest()));
        String name = body.name().strip();
        credentials.keepKey(keyId, name, projectId, role, body.expiresAt(), key.digest());
        return ResponseEntity.status(HttpStatus.CREATED).body(new KeyCreated(keyId, projectId, name,
                role.wireName(), body.expiresAt(), key.token()));
    }

    @DeleteMapping("/{keyId}")
    @Transactional
    KeyRevoked revoke(@PathVariable long projectId, @PathVariable long keyId) {
        Caller caller = Callers.current();
        commands.send(new RevokeApiKey(projectId, caller.id(), keyId));
        credentials.revokeKey(keyId);
        return new KeyRevoked(keyId, projectId);
    }
}
