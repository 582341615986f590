package org.tributary.webedge;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request refused at the edge, before any handler ran: an RFC 7807 problem naming the input in {@code field}.
 * Spring MVC renders it as it is (it is an {@link org.springframework.web.ErrorResponse}).
 */
public class RefusedRequest extends ErrorResponseException {

    private final String field;

    public RefusedRequest(HttpStatus status, String field, String detail) {
        super(status, Problems.of(status, detail, field), null);
        this.field = field;
    }

    public String field() {
        return field;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

    /** A problem body, the one shape of every error: status, title, detail and the {@code field} it is about. */
    public static final class Problems {

        private Problems() {
        }

        /** A parameter's Java name as the API spells fields: {@code projectId} is {@code project_id}. */
        public static String field(String javaName) {
            return javaName == null ? null : javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
        }

        public static ProblemDetail of(HttpStatus status, String detail, String field) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
            problem.setProperty("field", field);
            return problem;
        }
    }
}
