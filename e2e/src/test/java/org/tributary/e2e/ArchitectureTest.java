package org.tributary.e2e;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module boundaries of docs/architecture.md, checked over every module's production classes. */
class ArchitectureTest {

    static final String[] SERVICES = {"org.tributary.command..", "org.tributary.query..", "org.tributary.proxy..",
            "org.tributary.executor.."};

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.tributary");
    }

    @Test
    void the_domain_uses_no_framework_and_no_io() {
        ArchRule rule = noClasses().that().resideInAPackage("org.tributary.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
                        "javax.sql..", "com.rabbitmq..", "java.net.http..", "okhttp3..", "io.minio..",
                        "jakarta.servlet..", "io.fabric8..", "java.nio.file..")
                .because("the domain decides; services do the I/O");
        rule.check(classes);
    }

    @Test
    void no_service_module_depends_on_another() {
        for (String service : SERVICES) {
            String[] others = java.util.Arrays.stream(SERVICES).filter(s -> !s.equals(service))
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage(service)
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("services talk through HTTP, RabbitMQ and the event store only")
                    .check(classes);
        }
    }

    @Test
    void only_command_service_appends_events_or_sends_commands() {
        noClasses().that().resideOutsideOfPackages("org.tributary.command..", "org.tributary.domain..")
                .should().callMethodWhere(DescribedPredicate.describe("an event append or a command dispatch", target -> {
                    String owner = target.getTarget().getOwner().getFullName();
                    String name = target.getTarget().getName();
                    return (owner.startsWith("org.axonframework.eventhandling.EventBus")
                            || owner.startsWith("org.axonframework.eventsourcing.eventstore."))
                            && (name.equals("publish") || name.equals("appendEvents"))
                            || owner.startsWith("org.axonframework.commandhandling.")
                            && (name.startsWith("send") || name.equals("dispatch"))
                            || owner.equals("org.axonframework.modelling.command.AggregateLifecycle")
                            && name.equals("apply");
                }))
                .because("command-service is the only writer of events")
                .check(classes);
    }
}
