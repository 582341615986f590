package org.tributary.standalone.infra;

import org.tributary.embedded.EmbeddedBroker;
import org.tributary.embedded.EmbeddedPostgres;
import org.tributary.embedded.EmbeddedS3;

import java.nio.file.Path;
import java.util.Map;

/** The embedded parts (module {@code embedded}), described by the variables a cluster's services get. */
final class Embedded {

    static final String DATABASE = "tributary";
    static final String S3_ACCESS_KEY = "tributary";

    private Embedded() {
    }

    /**
     * PostgreSQL with its data in {@code folder}, database {@value #DATABASE}, its superuser's password in
     * {@link Secrets}; stopped with a fast shutdown.
     */
    static Infrastructure.Part postgres(Path folder) {
        // the superuser's password is the data folder's own: no other process of this machine gets in
        EmbeddedPostgres postgres = EmbeddedPostgres.start(folder, 0,
                Secrets.of(folder.toAbsolutePath().getParent(), "postgres-password"));
        try {
            postgres.createDatabaseIfMissing(DATABASE);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        return new Infrastructure.Part("PostgreSQL", Map.of(
                "TRIBUTARY_DB_URL", postgres.jdbcUrl(DATABASE),
                "TRIBUTARY_DB_USER", postgres.username(),
                "TRIBUTARY_DB_PASSWORD", postgres.password()), postgres);
    }

    /** The AMQP 0-9-1 broker, its durable queues and persistent messages kept in {@code folder}. */
    static Infrastructure.Part broker(Path folder) {
        EmbeddedBroker broker = EmbeddedBroker.start(folder, 0);
        return new Infrastructure.Part("AMQP broker", Map.of("TRIBUTARY_AMQP_URL", broker.amqpUrl()), broker);
    }

    /**
     * An S3 server whose buckets are folders under {@code folder}; its secret key is the data folder's own
     * ({@link Secrets}), so a request signed with a key read from the source lists nothing.
     */
    static Infrastructure.Part s3(Path folder) {
        EmbeddedS3 s3 = EmbeddedS3.start(folder, 0, S3_ACCESS_KEY,
                Secrets.of(folder.toAbsolutePath().getParent(), "s3-secret-key"));
        return new Infrastructure.Part("S3", Map.of(
                "TRIBUTARY_S3_ENDPOINT", s3.endpoint(),
                "TRIBUTARY_S3_ACCESS_KEY", s3.accessKey(),
                "TRIBUTARY_S3_SECRET_KEY", s3.secretKey()), s3);
    }
}
