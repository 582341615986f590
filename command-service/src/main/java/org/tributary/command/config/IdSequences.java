package org.tributary.command.config;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tributary.domain.shared.Ids;

/**
 * Integer ids from PostgreSQL sequences, handed to a command handler (as {@link Ids}) once it has accepted its
 * command, so that a refused command uses none up; routing takes job ids for the jobs it creates.
 */
@Component
public class IdSequences implements Ids {

    private final JdbcTemplate jdbc;

    public IdSequences(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long next(Kind kind) {
        String sequence = switch (kind) {
            // aggregate identifiers must be unique across aggregate types in Axon's event store
            case AGGREGATE -> "aggregate_id_seq";
            case NODE -> "node_id_seq";
            case LINK -> "link_id_seq";
            case DATA_LAYER -> "data_layer_id_seq";
        };
        Long id = jdbc.queryForObject("SELECT nextval('" + sequence + "')", Long.class);
        return id == null ? 0 : id;
    }
}
