package org.tributary.webedge;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's own error pages, for what it refuses before any servlet runs ({@code %2F}, {@code %5C} or {@code %00} in a
 * path, a method it does not allow), as RFC 7807 problems instead of HTML. Installed in place of Tomcat's
 * {@link ErrorReportValve}; it writes only when nothing else has.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(body(status, detail(status, response.getMessage()), field(status)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response is already underway: nothing more to tell it
        }
    }

    static String detail(int status, String message) {
        if (message != null && !message.isBlank()) {
            return message;
        }
        if (status == 400) {
            return "the request line is malformed: a path may not contain an encoded '/', '\\' or NUL";
        }
        if (status == 405) {
            return "this method is not allowed here";
        }
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "the request failed" : known.getReasonPhrase();
    }

    static String field(int status) {
        return switch (status) {
            case 400, 404, 414 -> "path";
            case 405 -> "method";
            case 413 -> "body";
            default -> null;
        };
    }

    static String body(int status, String detail, String field) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return "{\"type\":\"about:blank\",\"title\":" + quote(title) + ",\"status\":" + status + ",\"detail\":"
                + quote(detail) + ",\"field\":" + (field == null ? "null" : quote(field)) + "}";
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
