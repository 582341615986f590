package org.tributary.badinput;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The suite's verdict on one answer, without a platform. */
class JudgeTest {

    private static final Probe PROBE = new Probe("gateway", "POST", "/api/projects", Map.of(), null, "a probe");

    private static RawHttp.Response answer(int status, String contentType, String body) {
        return new RawHttp.Response(status, Map.of("content-type", contentType), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRefusalNamingItsFieldPasses() {
        assertThat(BadInputSuiteTest.judge(PROBE, answer(400, "application/problem+json",
                "{\"status\":400,\"detail\":\"no\",\"field\":\"name\"}"))).isNull();
    }

    @Test
    void aRefusalOfInputWithoutItsFieldIsAViolation() {
        assertThat(BadInputSuiteTest.judge(PROBE, answer(415, "application/problem+json",
                "{\"status\":415,\"detail\":\"no\",\"field\":null}"))).contains("without the field");
    }

    @Test
    void aRefusalOfAccessNeedsNoField() {
        assertThat(BadInputSuiteTest.judge(PROBE, answer(404, "application/problem+json",
                "{\"status\":404,\"detail\":\"none\"}"))).isNull();
    }

    @Test
    void aServerErrorIsAViolation() {
        assertThat(BadInputSuiteTest.judge(PROBE, answer(500, "application/problem+json",
                "{\"status\":500,\"detail\":\"oops\",\"field\":\"x\"}"))).isEqualTo("server error");
    }
}
