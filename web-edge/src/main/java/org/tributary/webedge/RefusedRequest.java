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

    /** How much of a body that is refused for its size is still read, so that its sender sees the refusal. */
    public static final long MAX_DRAINED_BYTES = 256L * 1024 * 1024;

    /**
     * Reads what is left of a body refused for its size, up to {@link #MAX_DRAINED_BYTES}, and drops it: Tomcat
     * closes the connection after a 413, and a client still sending would see it broken instead of the answer.
     */
    public static void drain(java.io.InputStream body) {
        byte[] buffer = new byte[64 * 1024];
        long drained = 0;
        try {
            for (int n = body.read(buffer); n >= 0 && drained < MAX_DRAINED_BYTES; n = body.read(buffer)) {
                drained += n;
            }
        } catch (java.io.IOException gone) {
            // the client stopped sending: nothing more to read
        }
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

    /** A problem body, the one shape of every error: status, title, detail and the {@code field} it is about. */
    public static final class Problems {

        private Problems() {
        }

        private static final java.util.regex.Pattern WORD_START = java.util.regex.Pattern.compile("([a-z0-9])([A-Z])");

        /** A parameter's Java name as the API spells fields: {@code projectId} is {@code project_id}. */
        public static String field(String javaName) {
            return javaName == null ? null
                    : WORD_START.matcher(javaName).replaceAll("$1_$2").toLowerCase(java.util.Locale.ROOT);
        }

        public static ProblemDetail of(HttpStatus status, String detail, String field) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
            problem.setProperty("field", field);
            return problem;
        }
    }
}
