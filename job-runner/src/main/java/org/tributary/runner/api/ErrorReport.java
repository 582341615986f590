package org.tributary.runner.api;

/** {@code POST /executor_api/jobs/{id}/error}: {@code DownloadError} or {@code UploadError} with a message. */
public record ErrorReport(String error, String message) {

    public static final String DOWNLOAD_ERROR = "DownloadError";
    public static final String UPLOAD_ERROR = "UploadError";
}
