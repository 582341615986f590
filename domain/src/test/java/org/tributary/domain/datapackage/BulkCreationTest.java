package org.tributary.domain.datapackage;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.modelling.command.inspection.AnnotatedAggregate;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.Test;
import org.tributary.domain.datapackage.api.CreatePackage;
import org.tributary.domain.datapackage.api.PackageCreated;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.PackageOrigin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bulk upload creates each package through {@link DataPackage#create}, judged as one upload is. */
class BulkCreationTest {

    private static final long NEXT_ID = 91;

    private final List<Object> published = new ArrayList<>();

    private DataPackage create(CreatePackage command) throws Exception {
        SimpleEventBus bus = SimpleEventBus.builder().build();
        bus.subscribe(events -> events.forEach(event -> published.add(((EventMessage<?>) event).getPayload())));
        java.util.concurrent.Callable<DataPackage> factory = () -> DataPackage.create(command, kind -> NEXT_ID);
        return AnnotatedAggregate.initialize(factory,
                AnnotatedAggregateMetaModelFactory.inspectAggregate(DataPackage.class), bus).getAggregateRoot();
    }

    @Test
    void createsThePackageAsOneUploadDoesAndKnowsItsId() throws Exception {
        DataPackage created = create(new CreatePackage(null, 1, 2, 3, "bulk", Map.of("n", 1), List.of(), null,
                PackageOrigin.UPLOADED, null, null));

        assertThat(created.id()).isEqualTo(NEXT_ID);
        assertThat(published).containsExactly(new PackageCreated(NEXT_ID, 1, 2, 3, "bulk", Map.of("n", 1), List.of(),
                List.of(), PackageOrigin.UPLOADED, null, null));
    }

    @Test
    void refusesWhatOneUploadRefuses() {
        assertThatThrownBy(() -> create(new CreatePackage(null, 1, 2, 3, "x".repeat(DataPackage.MAX_LABEL_LENGTH + 1),
                Map.of(), List.of(), null, PackageOrigin.UPLOADED, null, null)))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("label");
        assertThat(published).isEmpty();
    }

    @Test
    void aBatchOfOneToTheLimitPasses() {
        assertThat(DataPackage.checkBatch(List.of("one"))).containsExactly("one");
        assertThat(DataPackage.checkBatch(java.util.Collections.nCopies(DataPackage.MAX_BATCH, "p")))
                .hasSize(DataPackage.MAX_BATCH);
    }

    @Test
    void refusesAnEmptyOrMissingBatch() {
        assertThatThrownBy(() -> DataPackage.checkBatch(List.of()))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("at least one")
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("packages");
        assertThatThrownBy(() -> DataPackage.checkBatch(null))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("at least one");
    }

    @Test
    void refusesABatchBeyondTheLimit() {
        assertThatThrownBy(() -> DataPackage.checkBatch(java.util.Collections.nCopies(DataPackage.MAX_BATCH + 1, "p")))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("at most " + DataPackage.MAX_BATCH)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("packages");
    }

    @Test
    void namesAMissingPackageByItsPlace() {
        List<String> withHole = new ArrayList<>(List.of("a", "b"));
        withHole.add(null);

        assertThatThrownBy(() -> DataPackage.checkBatch(withHole))
                .isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("packages[2]");
    }
}
