package org.tributary.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the checks take a service to read and serve, held against what its files plainly say. */
class ServiceModuleTest {

    @Test
    void readsPlaceholdersWithTheirDefaults() {
        ServiceModule command = ServiceModule.of("command-service");
        assertThat(command.placeholders())
                .containsEntry("TRIBUTARY_DB_URL", "jdbc:postgresql://127.0.0.1:5432/tributary")
                .containsEntry("TRIBUTARY_DB_PASSWORD", "")
                .containsKey("TRIBUTARY_S3_SECRET_KEY");
        assertThat(command.defaultPort()).isEqualTo(8081);
        assertThat(command.portVariable()).isEqualTo("TRIBUTARY_COMMAND_PORT");
    }

    @Test
    void requiredVariablesAreTheLoopbackDefaultsAndTheCredentials() {
        assertThat(ServiceModule.of("gateway").requiredVariables())
                .containsExactlyInAnyOrder("TRIBUTARY_COMMAND_URL", "TRIBUTARY_QUERY_URL", "TRIBUTARY_EXECUTOR_URL");
        assertThat(ServiceModule.of("projection-proxy").requiredVariables()).containsExactlyInAnyOrder(
                "TRIBUTARY_DB_URL", "TRIBUTARY_DB_USER", "TRIBUTARY_DB_PASSWORD", "TRIBUTARY_AMQP_URL");
    }

    @Test
    void relaxedBindingNamesComeFromConfigurationPropertiesRecords() {
        assertThat(ServiceModule.of("executor").relaxedNames())
                .contains("TRIBUTARY_EXECUTOR_WORKDIR", "TRIBUTARY_EXECUTOR_COMMANDURL",
                        "TRIBUTARY_EXECUTOR_RUNNERCOMMAND", "TRIBUTARY_S3_REGION")
                .allMatch(name -> name.matches("TRIBUTARY_[A-Z0-9_]+"));
        // annotations with arguments, generics and a record body do not confuse the reading
        String source = """
                @ConfigurationProperties("tributary.some-thing")
                public record SomeProperties(@DefaultValue("a, b") String first, Map<String, Integer> counts,
                                             @DefaultValue("1h") Duration urlExpiry) {
                    public SomeProperties { }
                }
                """;
        assertThat(ServiceModule.relaxedNames(source)).containsExactly("TRIBUTARY_SOMETHING_FIRST",
                "TRIBUTARY_SOMETHING_COUNTS", "TRIBUTARY_SOMETHING_URLEXPIRY");
    }

    @Test
    void healthPathsFollowTheManagementSettings() {
        assertThat(ServiceModule.of("query-service").healthPaths())
                .containsExactlyInAnyOrder("/actuator/health", "/actuator/health/liveness",
                        "/actuator/health/readiness");
        assertThat(ServiceModule.of("executor").mainClasses())
                .containsExactly("org.tributary.executor.ExecutorApplication");
    }
}
