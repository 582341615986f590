package org.tributary.gateway.webapp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebAppResourcesTest {

    @Test
    void aPathWithoutADotInItsLastSegmentIsARouteOfTheApp() {
        assertThat(WebAppResources.isAppRoute("projects/2")).isTrue();
        assertThat(WebAppResources.isAppRoute("/projects/2/nodes")).isTrue();
        assertThat(WebAppResources.isAppRoute("login")).isTrue();
    }

    @Test
    void aFileNameIsNotARoute() {
        assertThat(WebAppResources.isAppRoute("assets/index-abc.js")).isFalse();
        assertThat(WebAppResources.isAppRoute("favicon.svg")).isFalse();
        assertThat(WebAppResources.isAppRoute("v1.2/about")).isTrue();
    }

    @Test
    void theServicesPathsAreNeverTheApps() {
        assertThat(WebAppResources.isAppRoute("api/projects")).isFalse();
        assertThat(WebAppResources.isAppRoute("actuator")).isFalse();
        assertThat(WebAppResources.isAppRoute("interactive/5/lab")).isFalse();
        assertThat(WebAppResources.isAppRoute("error")).isFalse();
        assertThat(WebAppResources.isAppRoute("apiary")).isTrue();
    }
}
