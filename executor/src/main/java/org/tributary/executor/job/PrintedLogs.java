package org.tributary.executor.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tributary.executor.command.CommandClient.CompletedFile;
import org.tributary.executor.storage.ObjectStore;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keeps what a job printed as its log ({@code <job id>.log} in its project's bucket) when it ended before its runner
 * could upload one: a timeout, an out-of-memory kill, a runner that died. Its last {@value #MAX_BYTES} bytes.
 */
@Component
public class PrintedLogs {

    static final int MAX_BYTES = 16 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(PrintedLogs.class);

    private final ObjectStore objects;

    public PrintedLogs(ObjectStore objects) {
        this.objects = objects;
    }

    /** The job's log as a file of the job, or none when nothing was printed or it cannot be stored now. */
    List<CompletedFile> archive(StoredJob job, Supplier<byte[]> printed) {
        if (printed == null) {
            return List.of();
        }
        try {
            byte[] bytes = printed.get();
            if (bytes == null || bytes.length == 0) {
                return List.of();
            }
            if (bytes.length > MAX_BYTES) {
                bytes = Arrays.copyOfRange(bytes, bytes.length - MAX_BYTES, bytes.length);
            }
            String hash = objects.put(job.projectId(), bytes);
            return List.of(new CompletedFile(job.jobId() + ".log", hash, bytes.length, false, "text/plain"));
        } catch (RuntimeException e) {
            // the failure itself must still be reported; the log is lost, and said so in the executor's log
            log.warn("cannot keep what job {} printed: {}", job.jobId(), e.getMessage());
            return List.of();
        }
    }
}
