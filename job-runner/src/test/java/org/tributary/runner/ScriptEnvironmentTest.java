package org.tributary.runner;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptEnvironmentTest {

    @Test
    void dropsTheRefreshTokenAndCredentialsButKeepsSecretsAndTheImagesVariables() {
        Map<String, String> cleaned = ScriptEnvironment.clean(Map.ofEntries(
                Map.entry("RNDFLOW_REFRESH_TOKEN", "refresh"),
                Map.entry("TRIBUTARY_S3_SECRET_KEY", "minio"),
                Map.entry("AWS_ACCESS_KEY_ID", "aws"),
                Map.entry("TRIBUTARY_DB_PASSWORD", "db"),
                Map.entry("GITHUB_TOKEN", "gh"),
                Map.entry("RNDFLOW_SECRET_API_TOKEN", "granted"),
                Map.entry("PATH", "/usr/bin"),
                Map.entry("HOME", "/root"),
                Map.entry("LANG", "C.UTF-8"),
                Map.entry("LC_ALL", "C.UTF-8"),
                Map.entry("TZ", "Europe/Berlin"),
                Map.entry("USER", "root"),
                Map.entry("JUPYTER_BASE_URL", "/jupyter/7/"),
                Map.entry("RNDFLOW_API_SERVER", "http://executor"),
                Map.entry("PYTHONPATH", "/opt/lib")));

        assertThat(cleaned).containsOnlyKeys("RNDFLOW_SECRET_API_TOKEN", "PATH", "HOME", "LANG", "LC_ALL", "TZ",
                "USER", "JUPYTER_BASE_URL", "RNDFLOW_API_SERVER", "PYTHONPATH", "RNDFLOW_REFRESH_TOKEN");
        assertThat(cleaned.get("RNDFLOW_REFRESH_TOKEN")).isEqualTo(ScriptEnvironment.TOKEN_PLACEHOLDER);
    }

    @Test
    void theJobLibrarysUserModuleFindsATokenVariableEvenWhenTheRunnerGotItsTokenElsewhere() {
        assertThat(ScriptEnvironment.clean(Map.of("PATH", "/usr/bin")))
                .containsEntry("RNDFLOW_REFRESH_TOKEN", ScriptEnvironment.TOKEN_PLACEHOLDER);
    }
}
