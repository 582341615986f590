package org.tributary.query.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.DomainException;
import org.tributary.domain.shared.NotFound;
import org.tributary.webedge.RefusedRequest;
import org.tributary.webedge.UnreadableBodies;

/** Every refusal as an RFC 7807 problem whose {@code field} names the input it is about. */
@RestControllerAdvice
class ProblemDetails extends ResponseEntityExceptionHandler {

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> refused(DomainException e) {
        HttpStatus status = e instanceof NotFound ? HttpStatus.NOT_FOUND
                : e instanceof Conflict ? HttpStatus.CONFLICT
                : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).body(problem(status, e.getMessage(), e.field()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mistyped(MethodArgumentTypeMismatchException e) {
        String type = e.getRequiredType() == null ? "a different type" : e.getRequiredType().getSimpleName();
        String field = RefusedRequest.Problems.field(e.getName());
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST,
                field + " must be " + ("long".equals(type) || "int".equals(type) ? "an integer" : type), field));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST,
                e.getParameterName() + " is required", e.getParameterName()));
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
        return ResponseEntity.badRequest().body(UnreadableBodies.problem(e));
    }

    private static ProblemDetail problem(HttpStatus status, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("field", field);
        return problem;
    }
}
