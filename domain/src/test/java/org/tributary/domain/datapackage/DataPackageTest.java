package org.tributary.domain.datapackage;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tributary.domain.datapackage.api.CreatePackage;
import org.tributary.domain.datapackage.api.PackageCreated;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.Ids;
import org.tributary.domain.shared.PackageOrigin;

import java.util.List;
import java.util.Map;

import static org.tributary.domain.Refusals.refusal;

/** A package is immutable once created, so the aggregate only guards its creation. */
class DataPackageTest {

    private static final Long PACKAGE = 40L;
    private static final long NEXT_ID = 77;
    private static final long PROJECT = 1;
    private static final long NODE = 100;
    private static final long LAYER = 10;
    private static final FileRef DATA = new FileRef("data.csv", "a".repeat(64), 10, false, "text/csv");
    private static final FileRef TOOL = new FileRef("bin/tool", "b".repeat(64), 20, true, null);

    private FixtureConfiguration<DataPackage> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DataPackage.class);
        fixture.registerInjectableResource((Ids) kind -> NEXT_ID);
    }

    @Test
    void takesTheNextIdWhenTheCommandNamesNone() {
        fixture.givenNoPriorActivity()
                .when(new CreatePackage(null, PROJECT, NODE, LAYER, "up", Map.of(), List.of(), null,
                        PackageOrigin.UPLOADED, null, null))
                .expectEvents(new PackageCreated(NEXT_ID, PROJECT, NODE, LAYER, "up", Map.of(), List.of(), List.of(),
                        PackageOrigin.UPLOADED, null, null));
    }

    @Test
    void refusesMoreFilesThanTheLimit() {
        List<FileRef> files = java.util.stream.IntStream.rangeClosed(0, DataPackage.MAX_FILES)
                .mapToObj(i -> new FileRef("f" + i, "a".repeat(64), 1, false, null)).toList();
        fixture.givenNoPriorActivity()
                .when(new CreatePackage(null, PROJECT, NODE, LAYER, "many", Map.of(), files, null,
                        PackageOrigin.UPLOADED, null, null))
                .expectException(refusal(InvalidInput.class, "files"))
                .expectNoEvents();
    }

    @Test
    void createsUploadedPackage() {
        fixture.givenNoPriorActivity()
                .when(new CreatePackage(PACKAGE, PROJECT, NODE, LAYER, "run-1", Map.of("n", 3), List.of(DATA, TOOL),
                        null, PackageOrigin.UPLOADED, null, null))
                .expectEvents(new PackageCreated(PACKAGE, PROJECT, NODE, LAYER, "run-1", Map.of("n", 3),
                        List.of(DATA, TOOL), List.of(), PackageOrigin.UPLOADED, null, null));
    }

    @Test
    void createsProducedPackageWithItsLineage() {
        fixture.givenNoPriorActivity()
                .when(new CreatePackage(PACKAGE, PROJECT, NODE, LAYER, "result", Map.of(), List.of(DATA),
                        List.of(30L, 31L), PackageOrigin.PRODUCED, 500L, null))
                .expectEvents(new PackageCreated(PACKAGE, PROJECT, NODE, LAYER, "result", Map.of(), List.of(DATA),
                        List.of(30L, 31L), PackageOrigin.PRODUCED, 500L, null));
    }

    @Test
    void createsDeliveredPackageNamingItsSource() {
        fixture.givenNoPriorActivity()
                .when(new CreatePackage(PACKAGE, PROJECT, NODE, LAYER, "result", null, null, List.of(30L),
                        PackageOrigin.DELIVERED, 500L, 39L))
                .expectEvents(new PackageCreated(PACKAGE, PROJECT, NODE, LAYER, "result", Map.of(), List.of(),
                        List.of(30L), PackageOrigin.DELIVERED, 500L, 39L));
    }

    @Test
    void missingLabelBecomesEmpty() {
        fixture.givenNoPriorActivity()
                .when(new CreatePackage(PACKAGE, PROJECT, NODE, LAYER, null, null, null, null,
                        PackageOrigin.UPLOADED, null, null))
                .expectEvents(new PackageCreated(PACKAGE, PROJECT, NODE, LAYER, "", Map.of(), List.of(), List.of(),
                        PackageOrigin.UPLOADED, null, null));
    }

    @Test
    void rejectsLabelLongerThanTheLimit() {
        fixture.givenNoPriorActivity()
                .when(new CreatePackage(PACKAGE, PROJECT, NODE, LAYER, "l".repeat(DataPackage.MAX_LABEL_LENGTH + 1),
                        null, null, null, PackageOrigin.UPLOADED, null, null))
                .expectException(refusal(InvalidInput.class, "label"))
                .expectNoEvents();
    }

    @Test
    void rejectsTheSameFileNameTwice() {
        FileRef otherContent = new FileRef("data.csv", "c".repeat(64), 5, false, null);
        fixture.givenNoPriorActivity()
                .when(new CreatePackage(PACKAGE, PROJECT, NODE, LAYER, "x", null, List.of(DATA, TOOL, otherContent),
                        null, PackageOrigin.UPLOADED, null, null))
                .expectException(refusal(InvalidInput.class, "files[2].name"))
                .expectNoEvents();
    }

    @Test
    void rejectsMissingOrigin() {
        fixture.givenNoPriorActivity()
                .when(new CreatePackage(PACKAGE, PROJECT, NODE, LAYER, "x", null, null, null, null, null, null))
                .expectException(refusal(InvalidInput.class, "origin"))
                .expectNoEvents();
    }

    @Test
    void producedPackageNeedsItsJob() {
        fixture.givenNoPriorActivity()
                .when(new CreatePackage(PACKAGE, PROJECT, NODE, LAYER, "x", null, null, null, PackageOrigin.PRODUCED,
                        null, null))
                .expectException(refusal(InvalidInput.class, "job_id"))
                .expectNoEvents();
    }

    @Test
    void deliveredPackageNeedsThePackageItWasDeliveredFrom() {
        fixture.givenNoPriorActivity()
                .when(new CreatePackage(PACKAGE, PROJECT, NODE, LAYER, "x", null, null, null, PackageOrigin.DELIVERED,
                        38L, null))
                .expectException(refusal(InvalidInput.class, "source_package_id"))
                .expectNoEvents();
    }

    @Test
    void packageForwardedByADataNodeHasNoJob() {
        fixture.givenNoPriorActivity()
                .when(new CreatePackage(PACKAGE, PROJECT, NODE, LAYER, "x", null, null, null, PackageOrigin.DELIVERED,
                        null, 39L))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anUploadAskedNotToBeProcessedIsHeld() {
        fixture.givenNoPriorActivity()
                .when(new CreatePackage(PACKAGE, PROJECT, NODE, LAYER, "x", null, null, null, PackageOrigin.UPLOADED,
                        null, null, true))
                .expectEvents(new PackageCreated(PACKAGE, PROJECT, NODE, LAYER, "x", Map.of(), List.of(), List.of(),
                        PackageOrigin.UPLOADED, null, null, true));
    }

    @Test
    void rejectsBlankFieldName() {
        fixture.givenNoPriorActivity()
                .when(new CreatePackage(PACKAGE, PROJECT, NODE, LAYER, "x", Map.of(" ", 1), null, null,
                        PackageOrigin.UPLOADED, null, null))
                .expectException(refusal(InvalidInput.class, "fields"))
                .expectNoEvents();
    }

    @Test
    void rejectsMissingFileInTheList() {
        fixture.givenNoPriorActivity()
                .when(new CreatePackage(PACKAGE, PROJECT, NODE, LAYER, "x", null, java.util.Arrays.asList(DATA, null),
                        null, PackageOrigin.UPLOADED, null, null))
                .expectException(refusal(InvalidInput.class, "files[1]"))
                .expectNoEvents();
    }

    @Test
    void aPackageKnowsWhereItSits() {
        DataPackage pkg = org.tributary.domain.Sourced.from(DataPackage.class, DataPackage::new,
                new PackageCreated(PACKAGE, PROJECT, NODE, LAYER, "x", Map.of(), List.of(), List.of(),
                        PackageOrigin.UPLOADED, null, null)).aggregate();

        org.assertj.core.api.Assertions.assertThat(pkg.sitsAt(PROJECT, NODE, LAYER)).isTrue();
        org.assertj.core.api.Assertions.assertThat(pkg.sitsAt(PROJECT + 1, NODE, LAYER)).isFalse();
        org.assertj.core.api.Assertions.assertThat(pkg.sitsAt(PROJECT, NODE + 1, LAYER)).isFalse();
        org.assertj.core.api.Assertions.assertThat(pkg.sitsAt(PROJECT, NODE, LAYER + 1)).isFalse();
        org.assertj.core.api.Assertions.assertThat(pkg.sitsAtNode(PROJECT, NODE)).isTrue();
        org.assertj.core.api.Assertions.assertThat(pkg.sitsAtNode(PROJECT + 1, NODE)).isFalse();
        org.assertj.core.api.Assertions.assertThat(pkg.sitsAtNode(PROJECT, NODE + 1)).isFalse();
    }

    @Test
    void onlyAnUploadSaidToBeHeldIsHeld() {
        org.assertj.core.api.Assertions.assertThat(new PackageCreated(PACKAGE, PROJECT, NODE, LAYER, "x", Map.of(),
                List.of(), List.of(), PackageOrigin.UPLOADED, null, null, true).held()).isTrue();
        org.assertj.core.api.Assertions.assertThat(new PackageCreated(PACKAGE, PROJECT, NODE, LAYER, "x", Map.of(),
                List.of(), List.of(), PackageOrigin.UPLOADED, null, null, null).held()).isFalse();
    }

    @Test
    void aPackageIsDeletedFromItsNode() {
        fixture.given(new PackageCreated(PACKAGE, PROJECT, NODE, LAYER, "x", Map.of(), List.of(), List.of(),
                        PackageOrigin.UPLOADED, null, null))
                .when(new org.tributary.domain.datapackage.api.DeletePackage(PACKAGE, PROJECT))
                .expectEvents(new org.tributary.domain.datapackage.api.PackageDeleted(PACKAGE, PROJECT, NODE, LAYER))
                .expectMarkedDeleted();
    }

    @Test
    void anotherProjectsPackageIsNotFoundForDeletion() {
        fixture.given(new PackageCreated(PACKAGE, PROJECT, NODE, LAYER, "x", Map.of(), List.of(), List.of(),
                        PackageOrigin.UPLOADED, null, null))
                .when(new org.tributary.domain.datapackage.api.DeletePackage(PACKAGE, PROJECT + 1))
                .expectException(refusal(org.tributary.domain.shared.NotFound.class, "package_id"))
                .expectNoEvents();
    }
}
