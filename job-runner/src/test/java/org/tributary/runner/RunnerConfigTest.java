package org.tributary.runner;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunnerConfigTest {

    private static final Path CWD = Path.of("/work");

    @Test
    void theBaseUrlIsTheHostSlashApi() {
        RunnerConfig config = RunnerConfig.fromCommandLine(new String[]{"--host", "http://executor:8080/", "--job", "7"},
                Map.of("RNDFLOW_REFRESH_TOKEN", "r"), CWD);

        assertThat(config.baseUrl()).hasToString("http://executor:8080/api");
        assertThat(config.jobId()).isEqualTo(7);
        assertThat(config.jobDirectory()).isEqualTo(Path.of("/work/7"));
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void theApiServerVariableStandsInForAMissingHost() {
        RunnerConfig config = RunnerConfig.fromCommandLine(new String[]{"--job=8"},
                Map.of("RNDFLOW_REFRESH_TOKEN", "r", "RNDFLOW_API_SERVER", "https://tributary.example"), CWD);

        assertThat(config.baseUrl()).hasToString("https://tributary.example/api");
    }

    @Test
    void theDirectBaseUrlWinsOverTheHostAndGetsNoApiSuffix() {
        RunnerConfig config = RunnerConfig.fromCommandLine(new String[]{"--host", "http://executor:8080", "--job", "7"},
                Map.of("RNDFLOW_REFRESH_TOKEN", "r", "RNDFLOW_API_SERVER_DIRECT", "http://10.0.0.5:9000/base"), CWD);

        assertThat(config.baseUrl()).hasToString("http://10.0.0.5:9000/base");
    }

    @Test
    void theHeartbeatIntervalIsInSecondsAndMayBeFractional() {
        RunnerConfig config = RunnerConfig.fromCommandLine(new String[]{"--host", "http://h", "--job", "7"},
                Map.of("RNDFLOW_REFRESH_TOKEN", "r", "RNDFLOW_HEARTBEAT_INTERVAL", "0.25"), CWD);

        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void refusesIncompleteCommandLines() {
        Map<String, String> env = Map.of("RNDFLOW_REFRESH_TOKEN", "r");
        assertThatThrownBy(() -> RunnerConfig.fromCommandLine(new String[]{"--host", "http://h"}, env, CWD))
                .hasMessageContaining("--job is required");
        assertThatThrownBy(() -> RunnerConfig.fromCommandLine(new String[]{"--host", "http://h", "--job", "x"}, env,
                CWD)).hasMessageContaining("--job must be an integer");
        assertThatThrownBy(() -> RunnerConfig.fromCommandLine(new String[]{"--job", "7"}, env, CWD))
                .hasMessageContaining("RNDFLOW_API_SERVER");
        assertThatThrownBy(() -> RunnerConfig.fromCommandLine(new String[]{"--host", "http://h", "--job", "7"},
                Map.of(), CWD)).hasMessageContaining("RNDFLOW_REFRESH_TOKEN is not set");
        assertThatThrownBy(() -> RunnerConfig.fromCommandLine(new String[]{"--host", "http://h", "--job", "7"},
                Map.of("RNDFLOW_REFRESH_TOKEN", "r", "RNDFLOW_HEARTBEAT_INTERVAL", "soon"), CWD))
                .hasMessageContaining("RNDFLOW_HEARTBEAT_INTERVAL");
    }

    @Test
    void takesTheRefreshTokenFromTheFirstLineOfStdinWhenAskedToAndNotFromTheEnvironment() {
        java.io.InputStream stdin = new java.io.ByteArrayInputStream("from-stdin\nrest".getBytes());
        RunnerConfig config = RunnerConfig.fromCommandLine(new String[]{"--host", "http://executor:8080", "--job", "7",
                "--refresh-token-from", "stdin"}, Map.of("RNDFLOW_REFRESH_TOKEN", "from-env"), Path.of("/work"), stdin);
        assertThat(config.refreshToken()).isEqualTo("from-stdin");
    }

    @Test
    void refusesAnEmptyStdinAndAnotherSource() {
        assertThatThrownBy(() -> RunnerConfig.fromCommandLine(new String[]{"--job", "7", "--host", "http://e",
                "--refresh-token-from", "stdin"}, Map.of(), Path.of("/work"), new java.io.ByteArrayInputStream(
                new byte[0]))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunnerConfig.fromCommandLine(new String[]{"--job", "7", "--host", "http://e",
                "--refresh-token-from", "file"}, Map.of(), Path.of("/work"), System.in))
                .hasMessageContaining("only stdin");
    }
}
