package org.tributary.query;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "org.tributary.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Only command-service writes events: the read side sends no commands and publishes nothing. */
    @ArchTest
    static final ArchRule readSideNeverWrites = noClasses().should().dependOnClassesThat()
            .haveFullyQualifiedName("org.axonframework.commandhandling.gateway.CommandGateway")
            .orShould().dependOnClassesThat()
            .haveFullyQualifiedName("org.axonframework.eventhandling.gateway.EventGateway")
            .orShould().dependOnClassesThat()
            .haveFullyQualifiedName("org.axonframework.eventhandling.EventBus");

    /** File bytes never pass through this service: S3 is touched in one place, which only presigns. */
    @ArchTest
    static final ArchRule s3OnlyInStorage = noClasses().that().resideOutsideOfPackage("..query.storage..")
            .should().dependOnClassesThat().resideInAPackage("io.minio..");
}
