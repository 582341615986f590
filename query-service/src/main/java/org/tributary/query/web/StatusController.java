package org.tributary.query.web;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.access.Access;

import java.util.Map;

/**
 * {@code GET /api/status}: the original platform's "is the API up", which its client scripts ask before they start.
 * Public, and a stale token sent along is not looked at (tributary.security.own-credential-paths). It answers
 * {@code {"status": "ok"}} when the read model's database answers, else a 503 problem.
 */
@RestController
class StatusController {

    private final JdbcTemplate jdbc;

    StatusController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/status")
    @Access(Access.Rule.PUBLIC)
    Map<String, String> status() {
        try {
            jdbc.queryForObject("SELECT 1", Integer.class);
        } catch (org.springframework.dao.DataAccessException e) {
            throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus
                    .SERVICE_UNAVAILABLE, "the read model's database does not answer");
        }
        return Map.of("status", "ok");
    }
}
