package org.tributary.domain.project;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.tributary.domain.Sourced;
import org.tributary.domain.TakenIds;
import org.tributary.domain.project.api.AddProjectMember;
import org.tributary.domain.project.api.ApiKeyCreated;
import org.tributary.domain.project.api.ApiKeyRevoked;
import org.tributary.domain.project.api.CreateApiKey;
import org.tributary.domain.project.api.CreateProject;
import org.tributary.domain.project.api.DataLayerCreated;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.domain.project.api.ProjectMemberRemoved;
import org.tributary.domain.project.api.ProjectMemberSet;
import org.tributary.domain.project.api.RemoveProjectMember;
import org.tributary.domain.project.api.RevokeApiKey;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.DataLayerKind;
import org.tributary.domain.shared.Forbidden;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.NotFound;
import org.tributary.domain.shared.ProjectRole;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.domain.Refusals.refusal;
import static org.tributary.domain.project.ProjectSamples.P;
import static org.tributary.domain.project.ProjectSamples.graph;

/** Members and their roles, API keys and theirs: who may grant what. */
class ProjectMembersTest {

    static final String KEY_DIGEST = "5e".repeat(32);

    static final long OWNER = 11;
    static final long EDITOR = 12;
    static final long VIEWER = 13;
    static final long STRANGER = 14;
    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    static final ProjectMemberSet OWNER_SET = new ProjectMemberSet(P, OWNER, ProjectRole.OWNER);
    static final ProjectMemberSet EDITOR_SET = new ProjectMemberSet(P, EDITOR, ProjectRole.EDITOR);
    static final ProjectMemberSet VIEWER_SET = new ProjectMemberSet(P, VIEWER, ProjectRole.VIEWER);
    static final ApiKeyCreated EDITORS_KEY = new ApiKeyCreated(P, 70, "pipeline", ProjectRole.EDITOR, null, EDITOR, KEY_DIGEST);

    private FixtureConfiguration<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
        fixture.registerInjectableResource(new TakenIds(500));
    }

    static Object[] team(Object... more) {
        Object[] base = {OWNER_SET, EDITOR_SET, VIEWER_SET};
        Object[] all = new Object[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return graph(all);
    }

    @Test
    void theCreatorIsTheFirstOwner() {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(P, "lab", null, 2L, OWNER))
                .expectEvents(new ProjectCreated(P, "lab", null, OWNER),
                        new DataLayerCreated(P, 2, "main", DataLayerKind.SHARED),
                        new ProjectMemberSet(P, OWNER, ProjectRole.OWNER));
    }

    @Test
    void aProjectThePlatformMakesHasNoMemberYet() {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(P, "lab", null, 2L))
                .expectEvents(new ProjectCreated(P, "lab", null, null),
                        new DataLayerCreated(P, 2, "main", DataLayerKind.SHARED));
    }

    @Test
    void anOwnerAddsAMember() {
        fixture.given(graph(OWNER_SET))
                .when(new AddProjectMember(P, null, OWNER, STRANGER, ProjectRole.VIEWER))
                .expectEvents(new ProjectMemberSet(P, STRANGER, ProjectRole.VIEWER));
    }

    @Test
    void anOwnerChangesAMembersRole() {
        fixture.given(team())
                .when(new AddProjectMember(P, null, OWNER, VIEWER, ProjectRole.OWNER))
                .expectEvents(new ProjectMemberSet(P, VIEWER, ProjectRole.OWNER));
    }

    @Test
    void theSameRoleAgainChangesNothing() {
        fixture.given(team())
                .when(new AddProjectMember(P, null, OWNER, EDITOR, ProjectRole.EDITOR))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anEditorCannotAddMembers() {
        fixture.given(team())
                .when(new AddProjectMember(P, null, EDITOR, STRANGER, ProjectRole.VIEWER))
                .expectException(refusal(Forbidden.class, "role"));
    }

    @Test
    void aStrangerCannotAddMembers() {
        fixture.given(team())
                .when(new AddProjectMember(P, null, STRANGER, STRANGER, ProjectRole.OWNER))
                .expectException(refusal(Forbidden.class, "user_id"));
    }

    @Test
    void aRoleIsNeeded() {
        fixture.given(team())
                .when(new AddProjectMember(P, null, OWNER, STRANGER, null))
                .expectException(refusal(InvalidInput.class, "role"));
    }

    @Test
    void theLastOwnerCannotBeDemoted() {
        fixture.given(team())
                .when(new AddProjectMember(P, null, OWNER, OWNER, ProjectRole.EDITOR))
                .expectException(refusal(Conflict.class, "role"));
    }

    @Test
    void anOwnerCanStepDownOnceThereIsAnother() {
        fixture.given(team(new ProjectMemberSet(P, EDITOR, ProjectRole.OWNER)))
                .when(new AddProjectMember(P, null, OWNER, OWNER, ProjectRole.VIEWER))
                .expectEvents(new ProjectMemberSet(P, OWNER, ProjectRole.VIEWER));
    }

    @Test
    void aMemberLeaves() {
        fixture.given(team())
                .when(new RemoveProjectMember(P, null, VIEWER, VIEWER))
                .expectEvents(new ProjectMemberRemoved(P, VIEWER));
    }

    @Test
    void anOwnerRemovesAMember() {
        fixture.given(team())
                .when(new RemoveProjectMember(P, null, OWNER, EDITOR))
                .expectEvents(new ProjectMemberRemoved(P, EDITOR));
    }

    @Test
    void anEditorCannotRemoveAnotherMember() {
        fixture.given(team())
                .when(new RemoveProjectMember(P, null, EDITOR, VIEWER))
                .expectException(refusal(Forbidden.class, "role"));
    }

    @Test
    void theLastOwnerCannotLeave() {
        fixture.given(team())
                .when(new RemoveProjectMember(P, null, OWNER, OWNER))
                .expectException(refusal(Conflict.class, "user_id"));
    }

    @Test
    void removingSomeoneWhoIsNoMemberIsNotFound() {
        fixture.given(team())
                .when(new RemoveProjectMember(P, null, OWNER, STRANGER))
                .expectException(refusal(NotFound.class, "user_id"));
    }

    @Test
    void aMemberMakesAKeyWithARoleUpToTheirOwn() {
        Instant expires = NOW.plusSeconds(86_400);
        fixture.given(team())
                .when(new CreateApiKey(P, EDITOR, 70, " pipeline ", ProjectRole.EDITOR, expires, NOW, KEY_DIGEST))
                .expectEvents(new ApiKeyCreated(P, 70, "pipeline", ProjectRole.EDITOR, expires, EDITOR, KEY_DIGEST));
    }

    @Test
    void aKeyAboveItsMakersRoleIsRefused() {
        fixture.given(team())
                .when(new CreateApiKey(P, VIEWER, 70, "pipeline", ProjectRole.EDITOR, null, NOW, KEY_DIGEST))
                .expectException(refusal(Forbidden.class, "role"));
    }

    @Test
    void aStrangerMakesNoKey() {
        fixture.given(team())
                .when(new CreateApiKey(P, STRANGER, 70, "pipeline", ProjectRole.VIEWER, null, NOW, KEY_DIGEST))
                .expectException(refusal(Forbidden.class, "user_id"));
    }

    @Test
    void aKeyThatHasExpiredAlreadyIsRefused() {
        fixture.given(team())
                .when(new CreateApiKey(P, OWNER, 70, "pipeline", ProjectRole.VIEWER, NOW, NOW, KEY_DIGEST))
                .expectException(refusal(InvalidInput.class, "expires_at"));
    }

    @Test
    void aKeyNeedsANameAndARole() {
        fixture.given(team())
                .when(new CreateApiKey(P, OWNER, 70, " ", ProjectRole.VIEWER, null, NOW, KEY_DIGEST))
                .expectException(refusal(InvalidInput.class, "name"));
        fixture.given(team())
                .when(new CreateApiKey(P, OWNER, 70, "pipeline", null, null, NOW, KEY_DIGEST))
                .expectException(refusal(InvalidInput.class, "role"));
    }

    @Test
    void aKeyIsKnownByTheDigestOfItsSecretNeverByTheSecret() {
        fixture.given(team())
                .when(new CreateApiKey(P, OWNER, 70, "pipeline", ProjectRole.VIEWER, null, NOW, "trb_k_70_secret"))
                .expectException(refusal(InvalidInput.class, "secret_digest"));
    }

    @Test
    void aKeyIdIsUsedOnce() {
        fixture.given(team(EDITORS_KEY))
                .when(new CreateApiKey(P, OWNER, 70, "again", ProjectRole.VIEWER, null, NOW, KEY_DIGEST))
                .expectException(refusal(Conflict.class, "key_id"));
    }

    @Test
    void itsMakerRevokesAKey() {
        fixture.given(team(EDITORS_KEY))
                .when(new RevokeApiKey(P, EDITOR, 70))
                .expectEvents(new ApiKeyRevoked(P, 70));
    }

    @Test
    void anOwnerRevokesAnyKey() {
        fixture.given(team(EDITORS_KEY))
                .when(new RevokeApiKey(P, OWNER, 70))
                .expectEvents(new ApiKeyRevoked(P, 70));
    }

    @Test
    void anotherMemberCannotRevokeAKey() {
        fixture.given(team(EDITORS_KEY))
                .when(new RevokeApiKey(P, VIEWER, 70))
                .expectException(refusal(Forbidden.class, "role"));
    }

    @Test
    void revokingTwiceChangesNothing() {
        fixture.given(team(EDITORS_KEY, new ApiKeyRevoked(P, 70)))
                .when(new RevokeApiKey(P, EDITOR, 70))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void revokingAKeyThatDoesNotExistIsNotFound() {
        fixture.given(team())
                .when(new RevokeApiKey(P, OWNER, 71))
                .expectException(refusal(NotFound.class, "key_id"));
    }

    @Test
    void aMemberEditOnAnOlderVersionIsRefused() {
        fixture.given(team())
                .when(new AddProjectMember(P, 0L, OWNER, STRANGER, ProjectRole.VIEWER))
                .expectException(ConflictingAggregateVersionException.class);
        fixture.given(team())
                .when(new RemoveProjectMember(P, 0L, VIEWER, VIEWER))
                .expectException(ConflictingAggregateVersionException.class);
    }

    @Test
    void aMemberEditOnTheCurrentVersionPasses() {
        long current = team().length - 1;
        fixture.given(team())
                .when(new AddProjectMember(P, current, OWNER, STRANGER, ProjectRole.VIEWER))
                .expectEvents(new ProjectMemberSet(P, STRANGER, ProjectRole.VIEWER));
    }

    @Test
    void aRemovedMemberActsNoMore() {
        fixture.given(team(new ProjectMemberRemoved(P, EDITOR)))
                .when(new CreateApiKey(P, EDITOR, 70, "pipeline", ProjectRole.VIEWER, null, NOW, KEY_DIGEST))
                .expectException(refusal(Forbidden.class, "user_id"));
    }

    @Test
    void theProjectAnswersEachUsersRole() {
        Project project = Sourced.from(Project.class, Project::new, team(new ProjectMemberRemoved(P, VIEWER)))
                .aggregate();

        assertThat(project.roleOf(OWNER)).contains(ProjectRole.OWNER);
        assertThat(project.roleOf(EDITOR)).contains(ProjectRole.EDITOR);
        assertThat(project.roleOf(VIEWER)).isEmpty();
        assertThat(project.roleOf(STRANGER)).isEmpty();
    }

    @Test
    void aProjectHasAtMostItsLimitOfMembers() {
        fixture.given(withMembers(ProjectMembers.MAX_MEMBERS - 1))
                .when(new AddProjectMember(P, null, OWNER, STRANGER, ProjectRole.VIEWER))
                .expectEvents(new ProjectMemberSet(P, STRANGER, ProjectRole.VIEWER));
        fixture.given(withMembers(ProjectMembers.MAX_MEMBERS))
                .when(new AddProjectMember(P, null, OWNER, STRANGER, ProjectRole.VIEWER))
                .expectException(refusal(InvalidInput.class, "user_id"));
        fixture.given(withMembers(ProjectMembers.MAX_MEMBERS))
                .when(new AddProjectMember(P, null, OWNER, 1001, ProjectRole.EDITOR))
                .expectEvents(new ProjectMemberSet(P, 1001, ProjectRole.EDITOR));
    }

    @Test
    void aProjectHasAtMostItsLimitOfKeysThatWork() {
        fixture.given(withKeys(ProjectMembers.MAX_ACTIVE_KEYS - 1))
                .when(new CreateApiKey(P, OWNER, 1, "one more", ProjectRole.VIEWER, null, NOW, KEY_DIGEST))
                .expectEvents(new ApiKeyCreated(P, 1, "one more", ProjectRole.VIEWER, null, OWNER, KEY_DIGEST));
        fixture.given(withKeys(ProjectMembers.MAX_ACTIVE_KEYS))
                .when(new CreateApiKey(P, OWNER, 1, "one more", ProjectRole.VIEWER, null, NOW, KEY_DIGEST))
                .expectException(refusal(InvalidInput.class, "name"));
        fixture.given(withKeys(ProjectMembers.MAX_ACTIVE_KEYS, new ApiKeyRevoked(P, 1000)))
                .when(new CreateApiKey(P, OWNER, 1, "one more", ProjectRole.VIEWER, null, NOW, KEY_DIGEST))
                .expectEvents(new ApiKeyCreated(P, 1, "one more", ProjectRole.VIEWER, null, OWNER, KEY_DIGEST));
    }

    /** The owner and members 1000, 1001, … up to {@code count} members in all. */
    static Object[] withMembers(int count) {
        Object[] members = new Object[count];
        members[0] = OWNER_SET;
        for (int i = 1; i < count; i++) {
            members[i] = new ProjectMemberSet(P, 999 + i, ProjectRole.VIEWER);
        }
        return graph(members);
    }

    /** The owner and {@code count} keys of theirs, ids 1000, 1001, …. */
    static Object[] withKeys(int count, Object... more) {
        Object[] events = new Object[count + 1 + more.length];
        events[0] = OWNER_SET;
        for (int i = 0; i < count; i++) {
            events[i + 1] = new ApiKeyCreated(P, 1000 + i, "key " + i, ProjectRole.VIEWER, null, OWNER, KEY_DIGEST);
        }
        System.arraycopy(more, 0, events, count + 1, more.length);
        return graph(events);
    }
}
