package org.tributary.query.admin;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Statement;
import java.util.List;

/**
 * The rebuild's schema made ready for a bulk load: migrated, then stripped of its secondary indexes (those that back
 * no constraint: the rebuild's writes need its primary keys and unique constraints for their {@code ON CONFLICT}),
 * which are built again, each in one pass over its table, once the rows are in. Maintaining an index row by row costs
 * PostgreSQL more than sorting the table once (bench/replay/README.md). The processor's own tables keep theirs.
 */
final class RebuildSchema {

    private RebuildSchema() {
    }

    /** Migrates {@code schema} and drops its secondary indexes; returns the statements that build them again. */
    static List<String> migrateWithoutIndexes(JdbcTemplate jdbc, String schema, String locations) {
        Flyway.configure().dataSource(jdbc.getDataSource()).schemas(schema).defaultSchema(schema)
                .locations(locations.split(",")).load().migrate();
        List<String[]> indexes = jdbc.query("""
                SELECT pg_get_indexdef(i.oid), i.relname FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ? AND NOT x.indisunique AND NOT x.indisprimary
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
                  AND t.relname NOT IN ('tokenentry', 'deadletterentry', 'flyway_schema_history')
                ORDER BY i.relname""", (row, n) -> new String[]{row.getString(1), row.getString(2)}, schema);
        indexes.forEach(index -> jdbc.execute("DROP INDEX " + schema + ".\"" + index[1] + "\""));
        return indexes.stream().map(index -> index[0]).toList();
    }

    /** Builds the indexes again, on one connection with room to sort. */
    static void buildIndexes(JdbcTemplate jdbc, List<String> definitions) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET maintenance_work_mem = '256MB'");
                for (String definition : definitions) {
                    statement.execute(definition);
                }
                statement.execute("RESET maintenance_work_mem");
            }
            return null;
        });
    }
}
