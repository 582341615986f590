package org.tributary.runner;

import java.io.IOException;

/** The inputs cannot be placed in the job folder as the job describes them (reported as {@code DownloadError}). */
final class DownloadException extends IOException {

    DownloadException(String message) {
        super(message);
    }
}
