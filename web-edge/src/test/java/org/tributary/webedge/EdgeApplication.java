package org.tributary.webedge;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;
import java.util.Map;

/** A service with the edge and one endpoint that echoes what it read. */
@SpringBootApplication
@Import(WebEdgeConfiguration.class)
class EdgeApplication {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Body(String label, Boolean active, Long version, Map<String, Object> fields, List<String> tags) {
    }

    @RestController
    static class Echo {
        @PostMapping("/things/{id}")
        Body echo(@PathVariable long id, @RequestBody Body body) {
            return body;
        }

        @GetMapping("/things")
        List<String> list(@RequestParam("page_size") int pageSize, @RequestHeader("X-Run") String run) {
            return List.of(run + pageSize);
        }
    }

    /** The service's advice: the edge's, and nothing of its own. */
    @RestControllerAdvice
    static class Advice extends EdgeProblems {
    }
}
