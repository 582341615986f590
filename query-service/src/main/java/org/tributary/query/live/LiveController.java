package org.tributary.query.live;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.tributary.access.Access;
import org.tributary.access.Caller;
import org.tributary.access.Callers;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.ProjectRole;
import org.tributary.query.history.HistoryReader;
import org.tributary.query.access.StillAllowed;
import org.tributary.query.project.ProjectQueries;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A project's changes as they happen (Server-Sent Events): every line its history gains — nodes, links, packages,
 * jobs — named by event type, with the line's id as the event id. A client that reconnects with
 * {@code Last-Event-ID} (or {@code ?after=}) gets what it missed first. The first event, {@code ready}, carries the
 * position the stream starts after; a position beyond the history's end (the read model was rebuilt) gets
 * {@code reset} instead: the client should load the project again. A stream ends after {@value #MINUTES} minutes,
 * or when the access token it was opened with expires if that is sooner; clients reconnect (with a fresh token). A
 * caller who may no longer view the project (removed from it, its key revoked) gets {@code revoked} and the stream
 * ends ({@link Follower}).
 */
@RestController
@Access(value = Access.Rule.PROJECT, role = ProjectRole.VIEWER)
class LiveController {

    static final long MINUTES = 30;

    private final LiveFeed feed;
    private final HistoryReader history;
    private final ProjectQueries projects;
    private final StillAllowed stillAllowed;
    private final Clock clock = Clock.systemUTC();

    LiveController(LiveFeed feed, HistoryReader history, ProjectQueries projects, StillAllowed stillAllowed) {
        this.feed = feed;
        this.history = history;
        this.projects = projects;
        this.stillAllowed = stillAllowed;
    }

    @GetMapping(value = "/api/projects/{projectId}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(@PathVariable("projectId") long projectId,
                    @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
                    @RequestParam(value = "after", required = false) String afterParameter) throws IOException {
        projects.requireProject(projectId);
        long last = history.last(projectId);
        Long asked = position("Last-Event-ID", lastEventId);
        if (asked == null) {
            asked = position("after", afterParameter);
        }
        long after = asked == null ? last : asked;
        Caller caller = Callers.current();
        SseEmitter emitter = new SseEmitter(lifetime(Callers.expiresAt().orElse(null)).toMillis());
        if (after > last) {
            emitter.send(SseEmitter.event().name("reset").data(Map.of("last", last), MediaType.APPLICATION_JSON));
            emitter.complete();
            return emitter;
        }
        emitter.send(SseEmitter.event().id(Long.toString(after)).name("ready")
                .data(Map.of("after", after), MediaType.APPLICATION_JSON));
        feed.follow(new Follower(projectId, after, emitter, history, () -> stillAllowed.toView(caller, projectId)));
        return emitter;
    }

    /** {@value #MINUTES} minutes, or until the credential expires if that is sooner (at least a second). */
    private Duration lifetime(Instant credentialExpires) {
        Duration most = Duration.ofMinutes(MINUTES);
        if (credentialExpires == null) {
            return most;
        }
        Duration left = Duration.between(clock.instant(), credentialExpires);
        return left.compareTo(most) < 0 ? max(left, Duration.ofSeconds(1)) : most;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** A history line's id as a client sends it back; null when absent. */
    private static Long position(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long position = Long.parseLong(value.strip());
            if (position < 0) {
                throw new InvalidInput(field, field + " must not be negative");
            }
            return position;
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, field + " must be the id of an event this stream sent (a whole number)");
        }
    }
}
