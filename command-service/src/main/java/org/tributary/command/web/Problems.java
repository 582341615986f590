package org.tributary.command.web;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.tributary.command.storage.ObjectStore;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.DomainException;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.NotFound;
import org.tributary.webedge.EdgeProblems;


/**
 * Every refusal is an RFC 7807 problem that names the offending input in {@code field}, so that a client (and the
 * web app) can point at it. Axon wraps what a command handler throws; the cause chain is searched for the reason.
 */
@RestControllerAdvice
public class Problems extends EdgeProblems {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> refused(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof DomainException domain) {
                return problem(status(domain), domain.getMessage(), domain.field());
            }
            if (t instanceof ConflictingAggregateVersionException || t instanceof ConcurrencyException) {
                return problem(HttpStatus.CONFLICT, "Someone else changed this since the version you sent; "
                        + "reload and apply your change again", "version");
            }
            if (t instanceof AggregateNotFoundException notFound) {
                return problem(HttpStatus.NOT_FOUND, "There is no " + notFound.getAggregateIdentifier(), "id");
            }
            if (t instanceof org.tributary.command.secret.SecretBox.NoKey noKey) {
                return problem(HttpStatus.CONFLICT, noKey.getMessage(), "value");
            }
            if (t instanceof ObjectStore.StorageUnavailable storage) {
                log.warn("object storage failed", storage);
                return problem(HttpStatus.SERVICE_UNAVAILABLE, "Object storage is unavailable: " + t.getMessage(),
                        null);
            }
        }
        log.error("unexpected failure", exception);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected failure; nothing was written", null);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof DomainException domain) {
                return cast(problem(status(domain), domain.getMessage(), domain.field()));
            }
        }
        return super.handleHttpMessageNotReadable(ex, headers, status, request);
    }

    private static HttpStatus status(DomainException e) {
        if (e instanceof NotFound) {
            return HttpStatus.NOT_FOUND;
        }
        if (e instanceof Conflict) {
            return HttpStatus.CONFLICT;
        }
        if (e instanceof InvalidInput) {
            return HttpStatus.BAD_REQUEST;
        }
        if (e instanceof org.tributary.domain.shared.Forbidden) {
            return HttpStatus.FORBIDDEN;
        }
        return HttpStatus.BAD_REQUEST;
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, String field) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        if (field != null) {
            body.setProperty("field", field);
        }
        return ResponseEntity.status(status).body(body);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }
}
