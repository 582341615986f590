package org.tributary.command.executor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tributary.command.config.BatchedWrites;
import org.tributary.command.config.Aggregates;
import org.tributary.domain.executor.Executor;
import org.tributary.domain.executor.api.ExecutorCapabilities;
import org.tributary.domain.executor.api.ExecutorRegistered;
import org.tributary.domain.shared.ContainerSpec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The executors routing may send jobs to, and what each offers. Kept from {@link ExecutorRegistered} by the routing
 * processor, which handles events in order, so an executor is known here before any job that names it.
 */
@Component
public class ExecutorDirectory {

    private static final Logger log = LoggerFactory.getLogger(ExecutorDirectory.class);
    private static final TypeReference<Map<String, Integer>> GPUS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;
    private final Aggregates aggregates;
    private final ObjectMapper json = new ObjectMapper();

    public ExecutorDirectory(JdbcTemplate jdbc, BatchedWrites writes, Aggregates aggregates) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.aggregates = aggregates;
    }

    /** 404 unless the executor is registered; {@code null} names none and passes. */
    public void requireExists(Long executorId) {
        if (executorId != null) {
            aggregates.ask(Executor.class, "executor_id", executorId, executor -> null);
        }
    }

    public void remember(ExecutorRegistered event) {
        try {
            writes.update("""
                    INSERT INTO executor_capabilities (executor_id, gpus) VALUES (?, ?)
                    ON CONFLICT (executor_id) DO UPDATE SET gpus = EXCLUDED.gpus""",
                    event.executorId(), json.writeValueAsString(event.capabilities().gpus()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The executor a job goes to: the named one, unless the job asks for GPUs it does not offer; then none, and
     * the job fails visibly ({@code NoExecutor}).
     */
    public Long executorFor(ContainerSpec container, Long executorId) {
        if (executorId == null || container.gpus() == 0) {
            return executorId;
        }
        boolean offers = capabilities(executorId)
                .map(c -> c.offers(container.gpuKind(), container.gpus()))
                .orElse(false);
        if (!offers) {
            log.info("executor {} offers no {} × {} GPU", executorId, container.gpus(), container.gpuKind());
            return null;
        }
        return executorId;
    }

    public Optional<ExecutorCapabilities> capabilities(long executorId) {
        List<String> rows = jdbc.queryForList("SELECT gpus FROM executor_capabilities WHERE executor_id = ?",
                String.class, executorId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ExecutorCapabilities(json.readValue(rows.get(0), GPUS), 0));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
