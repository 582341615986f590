package org.tributary.webedge;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring MVC's own refusals as every other refusal is: an RFC 7807 problem whose {@code field} names the input it is
 * about (a query or path parameter, a header, {@code Content-Type}, {@code Accept}, {@code method}). Each service's
 * advice extends this and adds its own exceptions.
 */
public abstract class EdgeProblems extends ResponseEntityExceptionHandler {

    /** A body that is no JSON, or JSON of the wrong shape: the field named from where reading it failed. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return ResponseEntity.badRequest().body(UnreadableBodies.problem(ex));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String field = ex.getPropertyName() == null ? "path" : RefusedRequest.Problems.field(ex.getPropertyName());
        return refuse(HttpStatus.BAD_REQUEST, field + " must be " + typeName(ex.getRequiredType()), field, headers);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return refuse(HttpStatus.BAD_REQUEST, "query parameter " + ex.getParameterName() + " is required",
                ex.getParameterName(), headers);
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        if (ex instanceof MissingRequestHeaderException missing) {
            return refuse(HttpStatus.BAD_REQUEST, "header " + missing.getHeaderName() + " is required",
                    missing.getHeaderName(), headers);
        }
        return refuse(HttpStatus.BAD_REQUEST, ex.getBody().getDetail(), null, headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        return refuse(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + ex.getContentType()
                + " is not taken here; send " + ex.getSupportedMediaTypes(), "Content-Type", headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
                                                                      HttpHeaders headers, HttpStatusCode status,
                                                                      WebRequest request) {
        return refuse(HttpStatus.NOT_ACCEPTABLE, "this answer comes as " + ex.getSupportedMediaTypes()
                + " only", "Accept", headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
                                                                         HttpHeaders headers, HttpStatusCode status,
                                                                         WebRequest request) {
        return refuse(HttpStatus.METHOD_NOT_ALLOWED, ex.getMethod() + " is not allowed here"
                + (ex.getSupportedHttpMethods() == null ? "" : "; allowed: " + ex.getSupportedHttpMethods()),
                "method", headers);
    }

    /** A problem body with its {@code field}, keeping the headers Spring set (such as {@code Allow}). */
    protected static ResponseEntity<Object> refuse(HttpStatus status, String detail, String field,
                                                   HttpHeaders headers) {
        ProblemDetail problem = RefusedRequest.Problems.of(status, detail, field);
        return ResponseEntity.status(status).headers(headers).body(problem);
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
