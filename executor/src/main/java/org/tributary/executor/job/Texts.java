package org.tributary.executor.job;

import org.tributary.domain.job.Job;

/**
 * Text a job sends or prints (a log tail, an error message) as it can be kept: NUL (binary output) becomes U+FFFD,
 * which PostgreSQL can store, and a message longer than a job's failure message may be is cut, keeping its end.
 */
public final class Texts {

    private Texts() {
    }

    public static String storable(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.indexOf('\0') >= 0 ? text.replace('\0', '\uFFFD') : text;
        return clean.length() > Job.MAX_MESSAGE ? clean.substring(clean.length() - Job.MAX_MESSAGE) : clean;
    }
}
