package org.tributary.executor.backend;

import org.tributary.executor.job.JobState;
import org.tributary.executor.job.StoredJob;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Holds back the jobs of a node beyond its {@code parallel_jobs} ({@link NodeSlots}) in front of any backend: such a
 * job stays Queued, says why, and is handed to the backend when one of its node's jobs ends.
 */
public final class NodeLimitedBackend implements JobBackend {

    private record Start(StoredJob job, JobListener listener) {
    }

    private final JobBackend backend;
    private final NodeSlots<Start> slots = new NodeSlots<>();

    public NodeLimitedBackend(JobBackend backend) {
        this.backend = backend;
    }

    @Override
    public void submit(StoredJob job, JobListener listener) {
        JobListener freeing = freeing(listener);
        int limit = job.spec().container().parallelJobs();
        if (slots.tryStart(job.jobId(), job.spec().nodeId(), limit, new Start(job, freeing))) {
            backend.submit(job, freeing);
        } else {
            listener.waiting(job.jobId(), "waits for one of the " + limit + " running jobs of node "
                    + job.spec().nodeId() + " to end (parallel jobs " + limit + ")");
        }
    }

    @Override
    public void resume(List<StoredJob> jobs, JobListener listener) {
        JobListener freeing = freeing(listener);
        List<StoredJob> now = new ArrayList<>();
        for (StoredJob job : jobs) {
            if (job.state() != JobState.QUEUED) {
                slots.running(job.jobId(), job.spec().nodeId());
                now.add(job);
            } else if (slots.tryStart(job.jobId(), job.spec().nodeId(), job.spec().container().parallelJobs(),
                    new Start(job, freeing))) {
                now.add(job);
            }
        }
        backend.resume(now, freeing);
    }

    @Override
    public void stop(long jobId, Consumer<Supplier<byte[]>> then) {
        if (slots.isWaiting(jobId)) {
            slots.end(jobId);
            then.accept(null);
            return;
        }
        backend.stop(jobId, then);
        free(jobId);
    }

    @Override
    public Optional<InputStream> log(long jobId, boolean follow) {
        return backend.log(jobId, follow);
    }

    private void free(long jobId) {
        for (Start next : slots.end(jobId)) {
            backend.submit(next.job(), next.listener());
        }
    }

    /** The listener, told first; then the job's slot goes to the next waiting job of its node. */
    private JobListener freeing(JobListener listener) {
        if (listener instanceof Freeing) {
            return listener;
        }
        return new Freeing(listener);
    }

    private final class Freeing implements JobListener {
        private final JobListener listener;

        Freeing(JobListener listener) {
            this.listener = listener;
        }

        @Override
        public void starting(long jobId, RunnerStart start) {
            listener.starting(jobId, start);
        }

        @Override
        public void exited(long jobId, int exitCode, String outputTail, Supplier<byte[]> printed) {
            try {
                listener.exited(jobId, exitCode, outputTail, printed);
            } finally {
                free(jobId);
            }
        }

        @Override
        public void waiting(long jobId, String reason) {
            listener.waiting(jobId, reason);
        }

        @Override
        public void ranImage(long jobId, String imageDigest) {
            listener.ranImage(jobId, imageDigest);
        }

        @Override
        public void interactive(long jobId, String url) {
            listener.interactive(jobId, url);
        }

        @Override
        public void failed(long jobId, String error, String message) {
            try {
                listener.failed(jobId, error, message);
            } finally {
                free(jobId);
            }
        }

        @Override
        public void failed(long jobId, String error, String message, Supplier<byte[]> printed) {
            try {
                listener.failed(jobId, error, message, printed);
            } finally {
                free(jobId);
            }
        }
    }
}
