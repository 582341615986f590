package org.tributary.runner.api;

/** {@code POST /executor_api/jobs/{id}/status}; the runner sends {@code "downloaded"}. */
public record StatusUpdate(String status) {

    public static final StatusUpdate DOWNLOADED = new StatusUpdate("downloaded");
}
