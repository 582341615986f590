package org.tributary.gateway.route;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RoutesTest {

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            "GET,    /api/projects,                                  QUERY",
            "HEAD,   /api/projects/1,                                QUERY",
            "GET,    /api/projects/1/nodes/2/jobs,                   QUERY",
            "GET,    /api/docs/query,                                QUERY",
            "GET,    /api/docs,                                      QUERY",
            "POST,   /api/projects/1/nodes/2/packages/search,        QUERY",
            "POST,   /api/projects/1/nodes/2/packages/search/,       QUERY",
            "POST,   /api/projects/1/nodes/2/packages/download,      QUERY",
            "GET,    /api/status,                                    QUERY",
            "POST,   /api/projects,                                  COMMAND",
            "POST,   /api/projects/1/nodes/2/packages,               COMMAND",
            "POST,   /api/projects/1/nodes/2/packages/searchable,    COMMAND",
            "POST,   /api/projects/1/nodes/2/packages/search/more,   COMMAND",
            "POST,   /api/projects/1/nodes/2/packages/downloads,     COMMAND",
            "PUT,    /api/projects/1/nodes/2/files/run.sh,           COMMAND",
            "PATCH,  /api/projects/1,                                COMMAND",
            "DELETE, /api/projects/1/links/3,                        COMMAND",
            "OPTIONS,/api/projects,                                  COMMAND",
            "GET,    /api/docs/command,                              COMMAND",
            "GET,    /api/docs/command.yaml,                         COMMAND",
            "GET,    /api/executor_api/jobs/7,                       EXECUTOR",
            "POST,   /api/executor_api/auth/refresh,                 EXECUTOR",
            "PUT,    /api/executor_api/jobs/7,                       EXECUTOR",
            "GET,    /api/executor_apiary,                           QUERY",
            "POST,   /api/admin/replay,                              QUERY",
            "GET,    /api/admin/dead_letters/projections,            QUERY",
            "POST,   /api/admin/dead_letters/projections/retry,      QUERY",
            "DELETE, /api/admin/dead_letters/projections/abc,        QUERY",
            "GET,    /api/admin/dead_letters/routing,                COMMAND",
            "POST,   /api/admin/dead_letters/routing/retry,          COMMAND",
            "DELETE, /api/admin/dead_letters/routing/abc,            COMMAND",
            "GET,    /api/admin/dead_letters/routingx,               QUERY",
            "POST,   /api/administrators,                            COMMAND",
    })
    void routesByMethodAndPath(String method, String path, Target expected) {
        assertThat(Routes.of(method, path)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({"GET, /", "GET, /index.html", "POST, /apix", "GET, /actuator/health"})
    void leavesEverythingOutsideApiAlone(String method, String path) {
        assertThat(Routes.of(method, path)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"/api/executors/1/jobs/7/secrets, true", "/api/executors/1/jobs/7/secrets/, true",
            "/api/executors/1/jobs/7/claim, false", "/api/projects/1/secrets/TOKEN, false",
            "/api/executors/1/jobs/7/interactive, true", "/api/executors/1/jobs/7/idle, false"})
    void neverForwardsTheUnsealedSecretsOfAJobNorWhereItsJupyterListens(String path, boolean internal) {
        assertThat(Routes.internal(path)).isEqualTo(internal);
    }
}
