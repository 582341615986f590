package org.tributary.gateway.interactive;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SameOriginTest {

    @ParameterizedTest(name = "Origin {0}, Host {1}: {2}")
    @CsvSource(nullValues = "NULL", value = {
            "NULL, tributary.lab:8080, true",
            "http://tributary.lab:8080, tributary.lab:8080, true",
            "http://Tributary.Lab:8080, tributary.lab:8080, true",
            "https://tributary.lab, tributary.lab, true",
            "https://tributary.lab:443, tributary.lab, true",
            "http://tributary.lab, tributary.lab:80, true",
            "http://evil.example, tributary.lab:8080, false",
            "http://tributary.lab:8081, tributary.lab:8080, false",
            "http://tributary.lab.evil.example:8080, tributary.lab:8080, false",
            "null, tributary.lab:8080, false",
            "file:///etc, tributary.lab:8080, false",
            "'http://tributary.lab:8080', NULL, false",
            "not a uri, tributary.lab:8080, false"})
    void aBrowsersRequestMustComeFromThePlatformsOwnPages(String origin, String host, boolean allowed) {
        assertThat(SameOrigin.allows(origin, host)).isEqualTo(allowed);
    }
}
