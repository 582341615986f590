package org.tributary.standalone;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StandaloneSettingsTest {

    static StandaloneSettings parse(Map<String, String> env, Map<String, String> system, String... args) {
        return StandaloneSettings.parse(args, env, system);
    }

    @Test
    void defaultsToTheDotTributaryFolderPort8080OnLoopbackWithoutDemo() {
        StandaloneSettings settings = parse(Map.of(), Map.of());

        assertThat(settings.dataDir()).isEqualTo(Path.of(".tributary").toAbsolutePath().normalize());
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.address()).isEqualTo("127.0.0.1");
        assertThat(settings.demo()).isFalse();
    }

    @Test
    void argumentsWinOverSystemPropertiesWhichWinOverTheEnvironment() {
        Map<String, String> env = Map.of("TRIBUTARY_STANDALONE_DATA_DIR", "/from/env", "TRIBUTARY_STANDALONE_DEMO",
                "true", "TRIBUTARY_STANDALONE_PORT", "9001");
        Map<String, String> system = Map.of("tributary.standalone.data-dir", "/from/system",
                "tributary.standalone.port", "9002");

        assertThat(parse(env, system).dataDir()).isEqualTo(Path.of("/from/system"));
        assertThat(parse(env, system).port()).isEqualTo(9002);
        assertThat(parse(env, system).demo()).isTrue();
        StandaloneSettings settings = parse(env, system, "--data-dir=/from/args", "--port=0", "--demo=false");
        assertThat(settings.dataDir()).isEqualTo(Path.of("/from/args"));
        assertThat(settings.port()).isZero();
        assertThat(settings.demo()).isFalse();
    }

    @Test
    void theGatewayPortVariableCountsWhenNoPortIsGiven() {
        assertThat(parse(Map.of("TRIBUTARY_GATEWAY_PORT", "9100"), Map.of()).port()).isEqualTo(9100);
        assertThat(parse(Map.of("TRIBUTARY_GATEWAY_PORT", "9100"), Map.of(), "--port=9200").port()).isEqualTo(9200);
    }

    @Test
    void aBareFlagIsTrueAndTheLongNamesWorkToo() {
        StandaloneSettings settings = parse(Map.of(), Map.of(), "--demo", "--tributary.standalone.verbose");

        assertThat(settings.demo()).isTrue();
        assertThat(settings.verbose()).isTrue();
    }

    @Test
    void otherArgumentsGoToTheServicesAndTributaryVariablesAreCollected() {
        StandaloneSettings settings = parse(Map.of("TRIBUTARY_DB_URL", "jdbc:postgresql://db/t", "HOME", "/root"),
                Map.of("TRIBUTARY_AMQP_URL", "amqp://mq"), "--logging.level.x=DEBUG");

        assertThat(settings.serviceArgs()).containsExactly("--logging.level.x=DEBUG");
        assertThat(settings.environment()).containsOnly(Map.entry("TRIBUTARY_DB_URL", "jdbc:postgresql://db/t"),
                Map.entry("TRIBUTARY_AMQP_URL", "amqp://mq"));
        assertThat(settings.env("TRIBUTARY_S3_ENDPOINT")).isEmpty();
    }

    @Test
    void kubernetesSwitchesTheExecutorsBackend() {
        assertThat(parse(Map.of(), Map.of(), "--kubernetes").serviceArgs())
                .containsExactly("--tributary.executor.backend=kubernetes");
    }

    @Test
    void theHelpListsEveryExecutorSetting() {
        for (var component : org.tributary.executor.config.ExecutorProperties.class.getRecordComponents()) {
            String kebab = component.getName().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
            assertThat(TributaryStandalone.USAGE).as(kebab).contains(kebab);
        }
        for (var component : org.tributary.executor.backend.kubernetes.KubernetesSettings.class
                .getRecordComponents()) {
            String kebab = component.getName().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
            assertThat(TributaryStandalone.USAGE).as(kebab).contains(kebab);
        }
    }

    @Test
    void refusesWhatItCannotUse() {
        assertThatThrownBy(() -> parse(Map.of(), Map.of(), "demo")).hasMessageContaining("unknown argument demo");
        assertThatThrownBy(() -> parse(Map.of(), Map.of(), "--port=http")).hasMessageContaining("0..65535");
        assertThatThrownBy(() -> parse(Map.of(), Map.of(), "--help")).isInstanceOf(StandaloneSettings.Help.class);
    }

    @Test
    void theSelfTestUsesOnlyEmbeddedServersAFreePortTheDemoAndANewFolder() throws Exception {
        StandaloneSettings given = parse(Map.of("TRIBUTARY_DB_URL", "jdbc:postgresql://db.example:5432/t",
                "TRIBUTARY_AMQP_URL", "amqp://rabbit.example"), Map.of(), "--data-dir=/kept", "--port=8080",
                "--server.tomcat.threads.max=4");

        StandaloneSettings selfTest = TributaryStandalone.selfTestSettings(given);
        try {
            assertThat(selfTest.environment()).isEmpty();
            assertThat(selfTest.env("TRIBUTARY_DB_URL")).isEmpty();
            assertThat(selfTest.port()).isZero();
            assertThat(selfTest.demo()).isTrue();
            assertThat(selfTest.dataDir()).isNotEqualTo(Path.of("/kept")).isEmptyDirectory();
            assertThat(selfTest.serviceArgs()).containsExactly("--server.tomcat.threads.max=4");
        } finally {
            java.nio.file.Files.deleteIfExists(selfTest.dataDir());
        }
    }
}
