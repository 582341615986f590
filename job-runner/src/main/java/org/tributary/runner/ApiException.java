package org.tributary.runner;

import java.io.IOException;

/** A non-2xx answer; the message carries the request, the status and (the start of) the body. */
public final class ApiException extends IOException {

    private static final int MAX_BODY = 2000;

    private final int status;

    ApiException(String request, int status, String body) {
        super(request + " answered " + status + (body == null || body.isBlank() ? "" : ": " + shorten(body.strip())));
        this.status = status;
    }

    public int status() {
        return status;
    }

    private static String shorten(String body) {
        return body.length() <= MAX_BODY ? body : body.substring(0, MAX_BODY) + "…";
    }
}
