package org.tributary.eventtail;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * Holds one connection that LISTENs on the event channel and wakes the {@link EventTail} on each notification.
 * When the connection breaks, the tail falls back to its fetch delay until the listener reconnects.
 */
class NotificationListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    private final DataSource dataSource;
    private final EventTail tail;
    private final String channel;
    private volatile boolean running;
    private Thread thread;

    NotificationListener(DataSource dataSource, EventTail tail, String channel) {
        this.dataSource = dataSource;
        this.tail = tail;
        this.channel = channel;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::listen, "event-tail-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                // a commit may have happened before LISTEN took effect
                tail.wake();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null && notifications.length > 0) {
                        tail.wake();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("event notifications lost ({}); retrying in 1 s", e.getMessage());
                    sleepQuietly();
                }
            }
        }
    }

    private void sleepQuietly() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
