package org.tributary.domain.project;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tributary.domain.Sourced;
import org.tributary.domain.TakenIds;
import org.tributary.domain.project.api.DeleteProjectSecret;
import org.tributary.domain.project.api.ProjectSecretDeleted;
import org.tributary.domain.project.api.ProjectSecretSet;
import org.tributary.domain.project.api.SetProjectSecret;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.NotFound;
import org.tributary.domain.shared.SealedValue;
import org.tributary.domain.shared.SecretKind;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.domain.Refusals.refusal;
import static org.tributary.domain.project.ProjectSamples.A;
import static org.tributary.domain.project.ProjectSamples.C;
import static org.tributary.domain.project.ProjectSamples.P;
import static org.tributary.domain.project.ProjectSamples.graph;

/** A project's secrets: named, granted to all nodes or some, kept only sealed. */
class ProjectSecretsTest {

    private static final SealedValue SEALED = new SealedValue("k1", "bm9uY2UtYW5kLWNpcGhlcnRleHQ=");
    private static final SealedValue RESEALED = new SealedValue("k2", "YW5vdGhlci1jaXBoZXJ0ZXh0");

    private FixtureConfiguration<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
        fixture.registerInjectableResource(new TakenIds(500));
    }

    @Test
    void aSecretForEveryNodeIsSetSealed() {
        fixture.given(graph())
                .when(new SetProjectSecret(P, null, "API_TOKEN", SecretKind.VARIABLE, null, SEALED))
                .expectEvents(new ProjectSecretSet(P, "API_TOKEN", SecretKind.VARIABLE, null, SEALED));
    }

    @Test
    void aSecretIsGrantedToTheNodesNamedOnceEach() {
        fixture.given(graph())
                .when(new SetProjectSecret(P, null, "REGISTRY", SecretKind.REGISTRY, List.of(A, C, A), SEALED))
                .expectEvents(new ProjectSecretSet(P, "REGISTRY", SecretKind.REGISTRY, List.of(A, C), SEALED));
    }

    @Test
    void setAgainItTakesTheNewValue() {
        fixture.given(graph(new ProjectSecretSet(P, "API_TOKEN", SecretKind.VARIABLE, null, SEALED)))
                .when(new SetProjectSecret(P, null, "API_TOKEN", SecretKind.VARIABLE, null, RESEALED))
                .expectEvents(new ProjectSecretSet(P, "API_TOKEN", SecretKind.VARIABLE, null, RESEALED));
    }

    @Test
    void aNameThatIsNoEnvironmentVariableSuffixIsRefused() {
        for (String name : new String[] {"api_token", "1TOKEN", "API-TOKEN", "A".repeat(65), " ", "TOKEN\n"}) {
            fixture.given(graph())
                    .when(new SetProjectSecret(P, null, name, SecretKind.VARIABLE, null, SEALED))
                    .expectException(refusal(InvalidInput.class, "name"))
                    .expectNoEvents();
        }
    }

    @Test
    void aKindAndAValueAreRequired() {
        fixture.given(graph())
                .when(new SetProjectSecret(P, null, "TOKEN", null, null, SEALED))
                .expectException(refusal(InvalidInput.class, "kind"));
        fixture.given(graph())
                .when(new SetProjectSecret(P, null, "TOKEN", SecretKind.VARIABLE, null, null))
                .expectException(refusal(InvalidInput.class, "value"));
    }

    @Test
    void anUnknownNodeIsNotFoundAndNothingIsSet() {
        fixture.given(graph())
                .when(new SetProjectSecret(P, null, "TOKEN", SecretKind.VARIABLE, List.of(A, 999L), SEALED))
                .expectException(refusal(NotFound.class, "node_ids[1]"))
                .expectNoEvents();
        fixture.given(graph())
                .when(new SetProjectSecret(P, null, "TOKEN", SecretKind.VARIABLE, Arrays.asList(A, null), SEALED))
                .expectException(refusal(InvalidInput.class, "node_ids"));
    }

    @Test
    void aProjectKeepsAtMostAHundredSecrets() {
        Object[] hundred = new Object[ProjectSecrets.MAX_SECRETS];
        for (int i = 0; i < hundred.length; i++) {
            hundred[i] = new ProjectSecretSet(P, "S" + i, SecretKind.VARIABLE, null, SEALED);
        }
        fixture.given(graph(hundred))
                .when(new SetProjectSecret(P, null, "ONE_MORE", SecretKind.VARIABLE, null, SEALED))
                .expectException(refusal(InvalidInput.class, "name"));
        fixture.given(graph(hundred))
                .when(new SetProjectSecret(P, null, "S0", SecretKind.VARIABLE, null, RESEALED))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aSecretIsDeletedAndAnUnknownOneIsNotFound() {
        fixture.given(graph(new ProjectSecretSet(P, "API_TOKEN", SecretKind.VARIABLE, null, SEALED)))
                .when(new DeleteProjectSecret(P, null, "API_TOKEN"))
                .expectEvents(new ProjectSecretDeleted(P, "API_TOKEN"));
        fixture.given(graph())
                .when(new DeleteProjectSecret(P, null, "API_TOKEN"))
                .expectException(refusal(NotFound.class, "name"));
    }

    @Test
    void aJobAtANodeGetsTheSecretsGrantedToItOrToAllInNameOrder() {
        Project project = Sourced.from(Project.class, Project::new, graph(
                new ProjectSecretSet(P, "ZETA", SecretKind.VARIABLE, null, SEALED),
                new ProjectSecretSet(P, "ONLY_C", SecretKind.VARIABLE, List.of(C), SEALED),
                new ProjectSecretSet(P, "ALPHA", SecretKind.REGISTRY, List.of(A), RESEALED),
                new ProjectSecretSet(P, "GONE", SecretKind.VARIABLE, null, SEALED),
                new ProjectSecretDeleted(P, "GONE"))).aggregate();

        assertThat(project.secretsFor(A)).extracting(ProjectSecrets.Secret::name).containsExactly("ALPHA", "ZETA");
        assertThat(project.secretsFor(C)).extracting(ProjectSecrets.Secret::name).containsExactly("ONLY_C", "ZETA");
        assertThat(project.secretsFor(A).get(0).value()).isEqualTo(RESEALED);
    }

    @Test
    void aJobSnapshotsTheNamesOfTheSecretsItsNodeIsGranted() {
        Project project = Sourced.from(Project.class, Project::new, graph(
                new ProjectSecretSet(P, "ZETA", SecretKind.VARIABLE, null, SEALED),
                new ProjectSecretSet(P, "ONLY_C", SecretKind.VARIABLE, List.of(C), SEALED))).aggregate();

        assertThat(project.planJob(A, ProjectSamples.MAIN).orElseThrow().secrets()).containsExactly("ZETA");
        assertThat(project.planJob(C, ProjectSamples.MAIN).orElseThrow().secrets()).containsExactly("ONLY_C", "ZETA");
    }

    @Test
    void onlyAJobKnownToHaveNoSecretsSkipsAskingForThem() {
        var container = org.tributary.domain.shared.ContainerSpec.of("debian:12", "true");
        assertThat(new org.tributary.domain.job.api.JobSpec(A, 1, List.of(), java.util.Map.of(), container, List.of(),
                false, List.of()).needsNoSecrets()).isTrue();
        assertThat(new org.tributary.domain.job.api.JobSpec(A, 1, List.of(), java.util.Map.of(), container, List.of(),
                false, List.of("ZETA")).needsNoSecrets()).isFalse();
        assertThat(new org.tributary.domain.job.api.JobSpec(A, 1, List.of(), java.util.Map.of(), container, List.of(),
                false).needsNoSecrets()).isFalse();
    }
}
