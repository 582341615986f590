package org.tributary.access;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.tributary.webedge.RefusedRequest;

/** The refusals of an access check, as RFC 7807 problems naming what they are about. */
public final class Refusals {

    static final String BEARER_CHALLENGE = "Bearer realm=\"tributary\"";

    private Refusals() {
    }

    /** 401: no credentials, where some are needed. */
    public static RefusedRequest unauthenticated() {
        return unauthenticated("authorization", "Sign in first: send 'Authorization: Bearer <token>' with an "
                + "access token, an API key or an executor credential");
    }

    /** 401 about the credential named in {@code field} (a password, a refresh token), with the Bearer challenge. */
    public static RefusedRequest unauthenticated(String field, String detail) {
        RefusedRequest refusal = new RefusedRequest(HttpStatus.UNAUTHORIZED, field, detail);
        refusal.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
        return refusal;
    }

    /** 403: credentials that lack the right. */
    public static RefusedRequest forbidden(String detail) {
        return new RefusedRequest(HttpStatus.FORBIDDEN, "authorization", detail);
    }

    /** 404 for a project the caller may not see, worded as for one that does not exist. */
    public static RefusedRequest noProject(long projectId) {
        return new RefusedRequest(HttpStatus.NOT_FOUND, "project_id", "project " + projectId + " does not exist");
    }
}
