package org.tributary.query.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.tributary.webedge.EdgeProblems;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.DomainException;
import org.tributary.domain.shared.NotFound;

/** Every refusal as an RFC 7807 problem whose {@code field} names the input it is about. */
@RestControllerAdvice
class ProblemDetails extends EdgeProblems {

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> refused(DomainException e) {
        HttpStatus status = e instanceof NotFound ? HttpStatus.NOT_FOUND
                : e instanceof Conflict ? HttpStatus.CONFLICT
                : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).body(problem(status, e.getMessage(), e.field()));
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
