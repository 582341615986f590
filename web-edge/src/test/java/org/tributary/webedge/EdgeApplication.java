package org.tributary.webedge;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

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
    }
}
