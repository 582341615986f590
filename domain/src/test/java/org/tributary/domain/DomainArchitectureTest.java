package org.tributary.domain;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.tributary.domain.shared.ExecutorAddressed;
import org.tributary.domain.shared.ProjectScoped;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaModifier.SYNTHETIC;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The domain is the shared language of every service: no framework, no I/O, messages only in {@code api}. */
@AnalyzeClasses(packages = "org.tributary.domain", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainArchitectureTest {

    @ArchTest
    static final ArchRule noSpringNoInfrastructureNoIo = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "java.sql..", "javax.sql..", "org.springframework.amqp..",
                    "com.rabbitmq..", "java.net.http..", "okhttp3..", "io.minio..", "jakarta.servlet..",
                    "javax.servlet..", "java.nio.file..", "java.nio.channels..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
            .orShould().dependOnClassesThat().haveNameMatching(
                    "java\\.io\\.(File.*|RandomAccessFile)|java\\.net\\.(Socket|ServerSocket|URL|URLConnection|HttpURLConnection)")
            .because("domain decides, services do I/O");

    @ArchTest
    static final ArchRule dependsOnlyOnTheJdkAxonModellingAndJacksonAnnotations = classes()
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", "org.axonframework..", "com.fasterxml.jackson.annotation..", "org.tributary.domain..")
            .because("every service depends on domain, so domain may pull in nothing they did not choose");

    @ArchTest
    static final ArchRule apiHoldsOnlyRecordsInterfacesAndEnums = classes()
            .that().resideInAPackage("..api..")
            .and().doNotHaveModifier(SYNTHETIC)
            .should(beARecordAnInterfaceOrAnEnum())
            .because("messages are immutable values");

    @ArchTest
    static final ArchRule eventsLiveInApi = classes()
            .that(assignableTo(ProjectScoped.class).or(assignableTo(ExecutorAddressed.class)))
            .and().areNotInterfaces()
            .should().resideInAPackage("..api..");

    @ArchTest
    static final ArchRule commandsAndEventsHandledByAggregatesLiveInApi = codeUnits()
            .that().areAnnotatedWith(CommandHandler.class)
            .or().areAnnotatedWith(EventSourcingHandler.class)
            .should(takeOnlyMessagesFromApi());

    @ArchTest
    static final ArchRule apiDoesNotKnowTheAggregates = classes()
            .that().resideInAPackage("..api..")
            .should().onlyDependOnClassesThat(resideInAPackage("..api..")
                    .or(resideInAPackage("org.tributary.domain.shared.."))
                    .or(resideInAPackage("java.."))
                    .or(resideInAPackage("com.fasterxml.jackson.annotation.."))
                    .or(resideInAPackage("org.axonframework.modelling.command..")))
            .because("services read messages without depending on how aggregates decide");

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices()
            .matching("org.tributary.domain.(*)..")
            .should().beFreeOfCycles();

    private static ArchCondition<JavaClass> beARecordAnInterfaceOrAnEnum() {
        return new ArchCondition<>("be a record, an interface or an enum") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                boolean ok = item.isRecord() || item.isInterface() || item.isEnum()
                        // an enum constant with a body compiles to an anonymous subclass of its enum
                        || item.getEnclosingClass().map(JavaClass::isEnum).orElse(false)
                        && item.isAnonymousClass();
                events.add(new SimpleConditionEvent(item, ok, item.getName() + (ok ? " is" : " is not")
                        + " a record, an interface or an enum"));
            }
        };
    }

    private static ArchCondition<JavaCodeUnit> takeOnlyMessagesFromApi() {
        return new ArchCondition<>("take its message from an api package") {
            @Override
            public void check(JavaCodeUnit handler, ConditionEvents events) {
                JavaClass message = handler.getRawParameterTypes().get(0);
                boolean ok = message.getPackageName().endsWith(".api");
                events.add(new SimpleConditionEvent(handler, ok, handler.getFullName() + " handles "
                        + message.getName()));
            }
        };
    }
}
