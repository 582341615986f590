package org.tributary.executor;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The executor's boundaries: it sends commands over HTTP and never touches the aggregates or another service. */
@AnalyzeClasses(packages = "org.tributary.executor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule usesOnlyTheDomainsMessagesAndValues = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.tributary.domain.job", "org.tributary.domain.project",
                    "org.tributary.domain.datapackage", "org.tributary.domain.executor", "org.tributary.domain.routing",
                    "org.axonframework..", "org.tributary.command..", "org.tributary.query..", "org.tributary.proxy..");

    @ArchTest
    static final ArchRule s3IsConfinedToStorage = noClasses().that()
            .resideOutsideOfPackages("org.tributary.executor.storage", "org.tributary.executor.config")
            .should().dependOnClassesThat().resideInAPackage("io.minio..");

    @ArchTest
    static final ArchRule amqpIsConfinedToDispatch = noClasses().that()
            .resideOutsideOfPackage("org.tributary.executor.dispatch")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.amqp..", "com.rabbitmq..");

    @ArchTest
    static final ArchRule kubernetesIsConfinedToItsBackend = noClasses().that()
            .resideOutsideOfPackage("org.tributary.executor.backend.kubernetes")
            .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..");
}
