package org.tributary.command.secret;

import org.tributary.access.Access;
import org.tributary.domain.shared.ProjectRole;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.command.web.Commands;
import org.tributary.command.web.Versions;
import org.tributary.domain.project.api.DeleteProjectSecret;
import org.tributary.domain.project.api.SetProjectSecret;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.SealedValue;
import org.tributary.domain.shared.SecretKind;

import java.util.List;

/**
 * A project's secrets, write-only: set (the value is sealed here, before any command or event sees it) and
 * delete. No answer ever carries a value; query-service lists names and kinds.
 */
@RestController
@RequestMapping("/api/projects/{projectId}/secrets/{name}")
@Access(value = Access.Rule.PROJECT, role = ProjectRole.EDITOR)
class SecretController {

    private final Commands commands;
    private final SecretBox box;

    SecretController(Commands commands, SecretBox box) {
        this.commands = commands;
        this.box = box;
    }

    @PutMapping
    ResponseEntity<SecretAnswer> set(@PathVariable long projectId, @PathVariable String name,
                                     @RequestBody SecretBody body,
                                     @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Check.notNull("body", body);
        long expected = Versions.expected(ifMatch, body.version());
        SecretKind kind = SecretKind.of(Check.notNull("kind", body.kind()));
        String plaintext = SecretValues.plaintext(kind, body);
        SealedValue sealed = box.seal(projectId, name, plaintext);
        long version = commands.edit(new SetProjectSecret(projectId, expected, name, kind, body.nodeIds(), sealed),
                expected);
        return ResponseEntity.ok().eTag(Versions.etag(version))
                .body(new SecretAnswer(name, kind.wireName(), body.nodeIds(), sealed.keyId(), version));
    }

    @DeleteMapping
    ResponseEntity<SecretAnswer> delete(@PathVariable long projectId, @PathVariable String name,
                                        @RequestParam(required = false) Long version,
                                        @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                        String ifMatch) {
        long expected = Versions.expected(ifMatch, version);
        long after = commands.edit(new DeleteProjectSecret(projectId, expected, name), expected);
        return ResponseEntity.ok().eTag(Versions.etag(after)).body(new SecretAnswer(name, null, null, null, after));
    }

    /**
     * A secret's value: {@code value} for a variable; {@code registry}, {@code username} and {@code password} for
     * registry credentials.
     *
     * @param nodeIds the nodes whose jobs get it; absent for every node
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SecretBody(String kind, String value, String registry, String username, String password,
                      List<Long> nodeIds, Long version) {
    }

    /** What was set: never the value; the id of the key that sealed it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SecretAnswer(String name, String kind, List<Long> nodeIds, String keyId, long version) {
    }
}
