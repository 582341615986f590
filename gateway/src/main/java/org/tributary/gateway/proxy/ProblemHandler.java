package org.tributary.gateway.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 7807 answers for calls the gateway could not pass on; a service's own problems pass through unchanged. */
@RestControllerAdvice
class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(Forwarder.TargetUnavailable.class)
    ProblemDetail unavailable(Forwarder.TargetUnavailable e) {
        log.warn("{} ({}): {}", e.getMessage(), e.address(), e.getCause() == null ? "" : e.getCause().toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                e.timedOut() ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY, e.getMessage());
        problem.setProperty("service", e.target());
        problem.setProperty("field", null);
        return problem;
    }

    @ExceptionHandler(Forwarder.BadTarget.class)
    ProblemDetail badPath(Forwarder.BadTarget e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperty("field", "path");
        return problem;
    }

    @ExceptionHandler(org.tributary.gateway.interactive.InteractiveTargets.NoJupyter.class)
    ProblemDetail noJupyter(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setProperty("field", "job_id");
        return problem;
    }

    @ExceptionHandler(org.tributary.gateway.interactive.InteractiveTargets.Unauthenticated.class)
    org.springframework.http.ResponseEntity<ProblemDetail> unauthenticated(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
        problem.setProperty("field", "authorization");
        return org.springframework.http.ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header("WWW-Authenticate", "Bearer realm=\"tributary\"").body(problem);
    }

    @ExceptionHandler(org.tributary.gateway.interactive.CrossOrigin.class)
    ProblemDetail crossOrigin(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setProperty("field", "Origin");
        return problem;
    }

    @ExceptionHandler(org.tributary.gateway.interactive.BadHandshake.class)
    org.springframework.http.ResponseEntity<ProblemDetail> badHandshake(
            org.tributary.gateway.interactive.BadHandshake e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), e.getMessage());
        problem.setProperty("field", e.field());
        var answer = org.springframework.http.ResponseEntity.status(e.status());
        if (e.status() == HttpStatus.UPGRADE_REQUIRED.value()) {
            answer.header("Sec-WebSocket-Version", "13");
        }
        return answer.body(problem);
    }
}
