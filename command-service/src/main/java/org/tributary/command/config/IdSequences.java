package org.tributary.command.config;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tributary.domain.shared.PackageIds;

/**
 * Integer ids from PostgreSQL sequences: handed out before a command is sent, or (package ids, as
 * {@link PackageIds}) to a command handler once it has accepted its command.
 */
@Component
public class IdSequences implements PackageIds {

    public enum Kind { PROJECT, NODE, LINK, DATA_LAYER, PACKAGE, JOB, EXECUTOR }

    private final JdbcTemplate jdbc;

    public IdSequences(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long next() {
        return next(Kind.PACKAGE);
    }

    public long next(Kind kind) {
        String sequence = switch (kind) {
            // aggregate identifiers must be unique across aggregate types in Axon's event store
            case PROJECT, PACKAGE, JOB, EXECUTOR -> "aggregate_id_seq";
            case NODE -> "node_id_seq";
            case LINK -> "link_id_seq";
            case DATA_LAYER -> "data_layer_id_seq";
        };
        Long id = jdbc.queryForObject("SELECT nextval('" + sequence + "')", Long.class);
        return id == null ? 0 : id;
    }
}
