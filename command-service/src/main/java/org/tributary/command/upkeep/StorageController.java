package org.tributary.command.upkeep;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.access.Access;
import org.tributary.domain.shared.InvalidInput;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** The storage upkeep for admins: what its last run freed, and a run now. */
@RestController
@RequestMapping("/api/admin/storage/upkeep")
@Access(Access.Rule.ADMIN)
class StorageController {

    private final StorageUpkeep upkeep;

    StorageController(StorageUpkeep upkeep) {
        this.upkeep = upkeep;
    }

    /** The last run's report; 204 before the first run. */
    @GetMapping
    ResponseEntity<StorageUpkeep.Report> last() {
        StorageUpkeep.Report report = upkeep.last();
        return report == null ? ResponseEntity.noContent().build() : ResponseEntity.ok(report);
    }

    /**
     * Runs now. {@code keep_for} (an ISO-8601 duration, the configured safe period by default) spares younger
     * objects; {@code project_id} limits the run to one project.
     */
    @PostMapping
    StorageUpkeep.Report run(@RequestParam(name = "keep_for", required = false) String keepFor,
                             @RequestParam(name = "project_id", required = false) Long projectId) {
        Duration safe = upkeep.keepFor();
        if (keepFor != null) {
            try {
                safe = Duration.parse(keepFor);
            } catch (DateTimeParseException e) {
                throw new InvalidInput("keep_for", "keep_for is an ISO-8601 duration such as PT24H");
            }
            if (safe.isNegative()) {
                throw new InvalidInput("keep_for", "keep_for must not be negative");
            }
        }
        return upkeep.run(safe, projectId);
    }
}
