package org.tributary.webedge;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * What Spring Boot's {@code /error} page answered (a JSON of its own shape, or HTML): an error that reached the
 * container, from a filter, {@code sendError} or an exception no advice handled, as an RFC 7807 problem. No detail of
 * an unexpected exception leaks out.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    private final ErrorAttributes errors;

    public ProblemErrorController(ErrorAttributes errors) {
        this.errors = errors;
    }

    @RequestMapping(value = "${server.error.path:${error.path:/error}}",
            produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Throwable error = errors.getError(new ServletWebRequest(request));
        if (error instanceof ErrorResponse response) {
            ProblemDetail body = response.getBody();
            if (body.getProperties() == null || !body.getProperties().containsKey("field")) {
                body.setProperty("field", null);
            }
            return respond(HttpStatus.valueOf(response.getStatusCode().value()), body);
        }
        if (error instanceof HttpMessageNotReadableException unreadable) {
            return respond(HttpStatus.BAD_REQUEST, UnreadableBodies.problem(unreadable));
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null ? HttpStatus.valueOf(i)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.value() < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String detail = status.is5xxServerError() || message == null || message.toString().isBlank()
                ? ProblemReportValve.detail(status.value(), null) : message.toString();
        return respond(status, RefusedRequest.Problems.of(status, detail, ProblemReportValve.field(status.value())));
    }

    private static ResponseEntity<ProblemDetail> respond(HttpStatus status, ProblemDetail body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
