package org.tributary.executor.jobapi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.tributary.webedge.EdgeProblems;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.DomainException;
import org.tributary.domain.shared.NotFound;
import org.tributary.executor.command.CommandClient;
import org.tributary.executor.storage.ObjectStore;

/**
 * RFC 7807 bodies with a {@code field}. Failures of command-service or S3 answer 502, which the job runner retries;
 * a request the executor refuses for good answers 4xx.
 */
@RestControllerAdvice
class ProblemHandler extends EdgeProblems {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(DomainException.class)
    ProblemDetail domain(DomainException e) {
        HttpStatus status = e instanceof NotFound ? HttpStatus.NOT_FOUND
                : e instanceof Conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        return problem(status, e.getMessage(), e.field());
    }

    @ExceptionHandler(JobTokens.Unauthorized.class)
    ProblemDetail unauthorized(JobTokens.Unauthorized e) {
        return problem(HttpStatus.UNAUTHORIZED, e.getMessage(), "Authorization");
    }

    @ExceptionHandler(JobTokens.Forbidden.class)
    ProblemDetail forbidden(JobTokens.Forbidden e) {
        return problem(HttpStatus.FORBIDDEN, e.getMessage(), "Authorization");
    }

    /**
     * A refusal by command-service reaches the runner as the same 4xx with the same field, so that it does not retry
     * what will never succeed; only a failure to answer is a 502, which it retries.
     */
    @ExceptionHandler(CommandClient.CommandFailed.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandClient.CommandFailed e) {
        HttpStatus refused = HttpStatus.resolve(e.status());
        if (e.permanent() && refused != null && refused.is4xxClientError()) {
            CommandClient.Refusal refusal = e.refusal();
            return ResponseEntity.status(refused).body(problem(refused,
                    refusal == null || refusal.detail().isBlank() ? "command-service refused the call"
                            : refusal.detail(), refusal == null ? null : refusal.field()));
        }
        log.warn("command-service failed: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(problem(HttpStatus.BAD_GATEWAY,
                "command-service failed: " + e.getMessage(), null));
    }

    @ExceptionHandler(ObjectStore.StorageFailure.class)
    ProblemDetail storageFailed(ObjectStore.StorageFailure e) {
        log.warn("S3 failed: {}", e.getMessage(), e.getCause());
        return problem(HttpStatus.BAD_GATEWAY, "S3 failed: " + e.getMessage(), null);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DomainException domain) {
                return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, domain.getMessage(),
                        domain.field()));
            }
        }
        return super.handleHttpMessageNotReadable(e, headers, status, request);
    }

    private static ProblemDetail problem(HttpStatus status, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("field", field);
        return problem;
    }
}
