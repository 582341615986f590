package org.tributary.executor.backend;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A node's {@code parallel_jobs}: how many of its jobs may run at once on this executor. A job beyond the limit
 * waits, in the order it came, and starts when one of its node's jobs ends. Pure bookkeeping: the caller starts what
 * it is told to start.
 *
 * @param <T> what the caller needs to start a waiting job
 */
public final class NodeSlots<T> {

    private record Entry<T>(long jobId, long nodeId, int limit, T start) {
    }

    private final Map<Long, Long> running = new HashMap<>();
    private final Map<Long, Integer> runningByNode = new HashMap<>();
    private final ArrayDeque<Entry<T>> waiting = new ArrayDeque<>();

    /**
     * A job asks to start; true when it may (the limit, 0 for none, is not reached), else it waits.
     */
    public synchronized boolean tryStart(long jobId, long nodeId, int limit, T start) {
        if (running.containsKey(jobId)) {
            return true;
        }
        if (limit > 0 && runningByNode.getOrDefault(nodeId, 0) >= limit) {
            waiting.add(new Entry<>(jobId, nodeId, limit, start));
            return false;
        }
        run(jobId, nodeId);
        return true;
    }

    /** A job that was already running when the executor started again counts, whatever the limit. */
    public synchronized void running(long jobId, long nodeId) {
        if (!running.containsKey(jobId)) {
            run(jobId, nodeId);
        }
    }

    /**
     * A job ended (or was stopped, or was cancelled while waiting): its slot is free. Answers the waiting jobs that
     * may start now, in the order they came; they count as running.
     */
    public synchronized List<T> end(long jobId) {
        Long nodeId = running.remove(jobId);
        if (nodeId == null) {
            waiting.removeIf(entry -> entry.jobId() == jobId);
            return List.of();
        }
        runningByNode.merge(nodeId, -1, (a, b) -> a + b == 0 ? null : a + b);
        List<T> now = new ArrayList<>();
        for (Iterator<Entry<T>> it = waiting.iterator(); it.hasNext(); ) {
            Entry<T> entry = it.next();
            if (entry.nodeId() == nodeId && runningByNode.getOrDefault(nodeId, 0) < entry.limit()) {
                it.remove();
                run(entry.jobId(), entry.nodeId());
                now.add(entry.start());
            }
        }
        return now;
    }

    /** Whether the job waits for a slot. */
    public synchronized boolean isWaiting(long jobId) {
        return waiting.stream().anyMatch(entry -> entry.jobId() == jobId);
    }

    private void run(long jobId, long nodeId) {
        running.put(jobId, nodeId);
        runningByNode.merge(nodeId, 1, Integer::sum);
    }
}
