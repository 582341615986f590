package org.tributary.command.config;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Integer ids from PostgreSQL sequences, handed out before a command is sent. */
@Component
public class IdSequences {

    public enum Kind { PROJECT, NODE, LINK, DATA_LAYER, PACKAGE, JOB, EXECUTOR }

    private final JdbcTemplate jdbc;

    public IdSequences(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long next(Kind kind) {
        Long id = jdbc.queryForObject("SELECT nextval('" + kind.name().toLowerCase() + "_id_seq')", Long.class);
        return id == null ? 0 : id;
    }
}
