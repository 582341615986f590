package org.tributary.proxy.publish;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import org.tributary.domain.datapackage.api.PackageDeleted;
import org.tributary.domain.executor.api.ExecutorCapabilities;
import org.tributary.domain.executor.api.ExecutorRegistered;
import org.tributary.domain.job.api.JobCancelled;
import org.tributary.domain.project.api.NodeRenamed;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.domain.shared.ExecutorAddressed;
import org.tributary.domain.shared.ProjectScoped;
import org.tributary.testsupport.TestEventStore;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingIdsTest {

    @Test
    void readsTheProjectOfAProjectScopedEvent() throws IOException {
        RoutingIds ids = read(new NodeRenamed(12, 30, "b"));

        assertThat(ids.projectId()).isEqualTo(12L);
        assertThat(ids.executorId()).isNull();
    }

    @Test
    void readsBothIdsOfAJobEventAddressedToAnExecutor() throws IOException {
        RoutingIds ids = read(new JobCancelled(5, 12, 42, "idle"));

        assertThat(ids.projectId()).isEqualTo(12L);
        assertThat(ids.executorId()).isEqualTo(42L);
    }

    @Test
    void readsOnlyTheExecutorOfAnExecutorEvent() throws IOException {
        RoutingIds ids = read(new ExecutorRegistered(7, "gpu box", ExecutorCapabilities.CPU_ONLY));

        assertThat(ids.projectId()).isNull();
        assertThat(ids.executorId()).isEqualTo(7L);
    }

    @Test
    void ignoresAFieldOfTheSameNameInsideAnotherValue() throws IOException {
        String json = "{\"label\": {\"projectId\": 99}, \"packageId\": 1, \"projectId\": 12, \"nodeId\": 3,"
                + " \"layerId\": 4, \"other\": [{\"projectId\": 98}]}";

        assertThat(RoutingIds.read(PackageDeleted.class.getName(), bytes(json)).projectId()).isEqualTo(12L);
    }

    @Test
    void givesNoIdsForATypeItDoesNotKnow() throws IOException {
        RoutingIds ids = RoutingIds.read("org.tributary.domain.later.SomethingNew", bytes("{\"projectId\": 1}"));

        assertThat(ids.projectId()).isNull();
        assertThat(ids.executorId()).isNull();
    }

    @Test
    void refusesAPayloadThatEndsEarly() {
        assertThatThrownBy(() -> RoutingIds.read(ProjectCreated.class.getName(), bytes("{\"projectId\": 1, \"n")))
                .isInstanceOf(IOException.class);
    }

    @Test
    void refusesAPayloadWithoutTheIdItsTypeHas() {
        assertThatThrownBy(() -> RoutingIds.read(ProjectCreated.class.getName(), bytes("{\"name\": \"x\"}")))
                .isInstanceOf(IOException.class).hasMessageContaining("projectId");
    }

    @Test
    void refusesAnIdThatIsNotAWholeNumber() {
        assertThatThrownBy(() -> RoutingIds.read(ProjectCreated.class.getName(), bytes("{\"projectId\": \"12\"}")))
                .isInstanceOf(IOException.class).hasMessageContaining("projectId");
    }

    @Test
    void refusesAPayloadThatIsNotAnObject() {
        assertThatThrownBy(() -> RoutingIds.read(ProjectCreated.class.getName(), bytes("[12]")))
                .isInstanceOf(IOException.class);
    }

    /** What lets the proxy read ids from bytes: every such event is a record whose JSON names them so. */
    @Test
    void everyScopedEventOfTheDomainIsARecordWithTheIdsAsComponents() {
        List<JavaClass> scoped = new ClassFileImporter().importPackages("org.tributary.domain").stream()
                .filter(type -> !type.isInterface())
                .filter(type -> type.isAssignableTo(ProjectScoped.class) || type.isAssignableTo(ExecutorAddressed.class))
                .toList();
        assertThat(scoped).hasSizeGreaterThan(40);
        for (JavaClass type : scoped) {
            Class<?> reflected = type.reflect();
            assertThat(reflected.isRecord()).as(type.getName()).isTrue();
            List<String> components = Arrays.stream(reflected.getRecordComponents())
                    .filter(component -> component.getType() == long.class).map(RecordComponent::getName).toList();
            if (ProjectScoped.class.isAssignableFrom(reflected)) {
                assertThat(components).as(type.getName()).contains(RoutingIds.PROJECT);
            }
            if (ExecutorAddressed.class.isAssignableFrom(reflected)) {
                assertThat(components).as(type.getName()).contains(RoutingIds.EXECUTOR);
            }
        }
    }

    private static RoutingIds read(Object event) throws IOException {
        return RoutingIds.read(event.getClass().getName(), TestEventStore.MAPPER.writeValueAsBytes(event));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
