package org.tributary.webedge;

import com.fasterxml.jackson.databind.JsonMappingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;

import java.util.stream.Collectors;

/** A body that JSON could not bind to the request's shape, as a problem naming the field by its JSON path. */
public final class UnreadableBodies {

    private UnreadableBodies() {
    }

    public static ProblemDetail problem(HttpMessageNotReadableException ex) {
        if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            return RefusedRequest.Problems.of(HttpStatus.BAD_REQUEST, field + " has the wrong type or shape: "
                    + withoutClassNames(mapping.getOriginalMessage()), field);
        }
        String detail = ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")
                ? "a JSON body is required" : "the body is not valid JSON of the expected shape";
        return RefusedRequest.Problems.of(HttpStatus.BAD_REQUEST, detail, "body");
    }

    /** Jackson names Java types ({@code `org.tributary…Body`}); the client knows only JSON. */
    static String withoutClassNames(String message) {
        return message == null ? "" : message.replaceAll("`(?:[\\w$]+[.$])+([\\w]+)`", "`$1`")
                .replaceAll("\\s*\\(for Object starting at.*$", "");
    }

    /** {@code files[0].name}, as the request spelled it. */
    public static String path(JsonMappingException mapping) {
        return mapping.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
