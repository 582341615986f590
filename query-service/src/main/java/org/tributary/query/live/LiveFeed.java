package org.tributary.query.live;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Who follows which project live, and the nudge that wakes them: the history projection says which projects a
 * transaction added history to ({@link #touched}); once it committed, each of their followers reads what is new
 * ({@link Follower#pump}). Nothing is sent from memory: a follower reads the committed history, so what it sends is
 * what any query would answer, and a follower that falls behind (a slow client, a reconnect) catches up from the
 * same table.
 * <p>
 * A lifecycle of its own, so that stopping the service ends every stream <em>before</em> the web server's graceful
 * shutdown waits for open requests: a live stream never ends by itself, and left open it held every stop for the
 * graceful shutdown's whole timeout.
 */
@Component
public class LiveFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    /** How often an idle stream gets a comment, so that proxies keep it open and a gone client is noticed. */
    static final long HEARTBEAT_SECONDS = 20;

    private final Map<Long, Set<Follower>> followers = new ConcurrentHashMap<>();
    private final ExecutorService senders = Executors.newFixedThreadPool(2, named("live-feed"));
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(named("live-beat"));
    private final Object transactionKey = new Object();
    private volatile boolean running;

    public LiveFeed() {
        heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    /** Called by a projection as it adds history to a project; the followers are woken after the commit. */
    public void touched(long projectId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            wake(Set.of(projectId));
            return;
        }
        @SuppressWarnings("unchecked")
        Set<Long> projects = (Set<Long>) TransactionSynchronizationManager.getResource(transactionKey);
        if (projects == null) {
            Set<Long> fresh = new HashSet<>();
            TransactionSynchronizationManager.bindResource(transactionKey, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake(fresh);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(transactionKey);
                }
            });
            projects = fresh;
        }
        projects.add(projectId);
    }

    void follow(Follower follower) {
        followers.computeIfAbsent(follower.projectId(), id -> new CopyOnWriteArraySet<>()).add(follower);
        follower.onEnd(() -> forget(follower));
        // what happened between the client's last event (or now) and this subscription is sent at once
        senders.execute(follower::pump);
    }

    int following(long projectId) {
        Set<Follower> set = followers.get(projectId);
        return set == null ? 0 : set.size();
    }

    private void wake(Set<Long> projects) {
        for (Long project : projects) {
            Set<Follower> set = followers.get(project);
            if (set != null) {
                set.forEach(follower -> {
                    if (follower.schedule()) {
                        senders.execute(follower::pump);
                    }
                });
            }
        }
    }

    private void beat() {
        followers.values().forEach(set -> set.forEach(Follower::heartbeat));
    }

    private void forget(Follower follower) {
        followers.computeIfPresent(follower.projectId(), (id, set) -> {
            set.remove(follower);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every stream and stops the feed's threads. */
    @Override
    public void stop() {
        running = false;
        heartbeat.shutdownNow();
        senders.shutdownNow();
        followers.values().forEach(set -> set.forEach(Follower::end));
        log.debug("live feed stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped among the first: before the web server's graceful shutdown (a lower phase) waits for requests. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
