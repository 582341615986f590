package org.tributary.query.admin;

import org.tributary.access.Access;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rebuilds the read model from the event store beside the live one ({@link Rebuilds}): {@code POST} starts it (202,
 * or 409 while one runs), {@code GET} shows how far it got. Queries keep answering from the live tables throughout.
 */
@RestController
@Access(Access.Rule.ADMIN)
class ReplayController {

    private final Rebuilds rebuilds;

    ReplayController(Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @PostMapping("/api/admin/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Rebuilds.Progress replay() {
        return rebuilds.start();
    }

    @GetMapping("/api/admin/replay")
    Rebuilds.Progress progress() {
        return rebuilds.progress();
    }
}
