package org.tributary.command.membership;

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
import org.tributary.access.Access;
import org.tributary.access.Caller;
import org.tributary.access.Callers;
import org.tributary.command.auth.Account;
import org.tributary.command.auth.Accounts;
import org.tributary.command.membership.MembershipRequests.MemberBody;
import org.tributary.command.membership.MembershipRequests.MemberRemoved;
import org.tributary.command.membership.MembershipRequests.MemberSet;
import org.tributary.command.web.Commands;
import org.tributary.command.web.Versions;
import org.tributary.domain.project.api.AddProjectMember;
import org.tributary.domain.project.api.RemoveProjectMember;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.NotFound;
import org.tributary.domain.shared.ProjectRole;
import org.tributary.domain.user.User;

/**
 * A project's members, by login: owners add members, change their roles and remove them; a member may leave. The
 * project decides who may (the domain's rules); this only says who asks. Keys and executors manage no members.
 */
@RestController
@RequestMapping("/api/projects/{projectId}/members/{login}")
@Access(value = Access.Rule.PROJECT, usersOnly = true)
class MemberController {

    private final Commands commands;
    private final Accounts accounts;

    MemberController(Commands commands, Accounts accounts) {
        this.commands = commands;
        this.accounts = accounts;
    }

    @PutMapping
    ResponseEntity<MemberSet> set(@PathVariable long projectId, @PathVariable String login,
                                  @RequestBody MemberBody body,
                                  @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Caller caller = Callers.current();
        Check.notNull("body", body);
        ProjectRole role = ProjectRole.of(Check.notNull("role", body.role()));
        Account member = account(login);
        long expected = Versions.expected(ifMatch, body.version());
        long version = commands.edit(new AddProjectMember(projectId, expected, caller.id(), member.userId(), role),
                expected);
        return ResponseEntity.ok().eTag(Versions.etag(version))
                .body(new MemberSet(projectId, member.userId(), member.login(), role.wireName(), version));
    }

    @DeleteMapping
    ResponseEntity<MemberRemoved> remove(@PathVariable long projectId, @PathVariable String login,
                                         @RequestParam(required = false) Long version,
                                         @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                         String ifMatch) {
        Caller caller = Callers.current();
        Account member = account(login);
        long expected = Versions.expected(ifMatch, version);
        long after = commands.edit(new RemoveProjectMember(projectId, expected, caller.id(), member.userId()),
                expected);
        return ResponseEntity.ok().eTag(Versions.etag(after))
                .body(new MemberRemoved(projectId, member.userId(), member.login(), after));
    }

    private Account account(String login) {
        String kept = User.login(login);
        return accounts.find(kept).orElseThrow(() -> new NotFound("login", "there is no user " + kept));
    }
}
