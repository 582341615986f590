package org.tributary.command.config;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tributary.domain.shared.Ids;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Integer ids from PostgreSQL sequences, handed to a command handler (as {@link Ids}) once it has accepted its
 * command, so that a refused command uses none up; routing takes job ids for the jobs it creates.
 * <p>
 * Aggregate ids (a package, a job: one or more per package on the hot path) are drawn {@value #BLOCK} at a time in
 * one round trip and handed out in order from memory; what a stop leaves unused is skipped, so ids have gaps, as
 * any sequence's may. Another instance drawing from the same sequence gets other values. Node, link and layer ids,
 * rare and shown to users, come one at a time.
 */
@Component
public class IdSequences implements Ids {

    static final int BLOCK = 64;

    private final JdbcTemplate jdbc;
    private final Deque<Long> aggregates = new ArrayDeque<>(BLOCK);

    public IdSequences(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long next(Kind kind) {
        return switch (kind) {
            // aggregate identifiers must be unique across aggregate types in Axon's event store
            case AGGREGATE -> nextAggregate();
            case NODE -> one("node_id_seq");
            case LINK -> one("link_id_seq");
            case DATA_LAYER -> one("data_layer_id_seq");
        };
    }

    private synchronized long nextAggregate() {
        if (aggregates.isEmpty()) {
            // in the order the sequence gave them, so that ids handed out here keep increasing
            aggregates.addAll(jdbc.queryForList("SELECT nextval('aggregate_id_seq') FROM generate_series(1, ?) "
                    + "ORDER BY 1", Long.class, BLOCK));
        }
        return aggregates.removeFirst();
    }

    private long one(String sequence) {
        Long id = jdbc.queryForObject("SELECT nextval('" + sequence + "')", Long.class);
        return id == null ? 0 : id;
    }
}
