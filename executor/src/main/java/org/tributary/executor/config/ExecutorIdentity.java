package org.tributary.executor.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tributary.executor.command.CommandClient;

import java.sql.Timestamp;
import java.time.Clock;

/**
 * This executor's id at command-service: the configured one, or the one it got when it registered itself, kept in
 * {@code executor.registration} by label so that a restart does not register a second executor.
 */
@Component
public class ExecutorIdentity {

    private static final Logger log = LoggerFactory.getLogger(ExecutorIdentity.class);

    private final ExecutorProperties properties;
    private final JdbcTemplate jdbc;
    private final CommandClient commands;
    private final Clock clock;
    private volatile Long id;

    public ExecutorIdentity(ExecutorProperties properties, JdbcTemplate jdbc, CommandClient commands, Clock clock) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.commands = commands;
        this.clock = clock;
        this.id = properties.id();
    }

    public long id() {
        Long known = id;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (id == null) {
                id = registeredOrRegister();
            }
            return id;
        }
    }

    private long registeredOrRegister() {
        String label = properties.label();
        Long stored = jdbc.query("SELECT executor_id FROM registration WHERE label = ?",
                rs -> rs.next() ? rs.getLong(1) : null, label);
        if (stored != null) {
            return stored;
        }
        var capabilities = properties.capabilities();
        long registered = commands.register(label, capabilities.gpus(), capabilities.maxRunningJobs());
        jdbc.update("INSERT INTO registration (label, executor_id, registered_at) VALUES (?, ?, ?)",
                label, registered, Timestamp.from(clock.instant()));
        log.info("registered as executor {} ({})", registered, label);
        return registered;
    }
}
