package org.tributary.standalone.infra;

import java.nio.file.Path;

/** The embedded parts, from module {@code embedded}. */
final class Embedded {

    private Embedded() {
    }

    static Infrastructure.Part postgres(Path dir) {
        throw new UnsupportedOperationException("no embedded PostgreSQL yet: set TRIBUTARY_DB_URL");
    }

    static Infrastructure.Part broker(Path dir) {
        throw new UnsupportedOperationException("no embedded AMQP broker yet: set TRIBUTARY_AMQP_URL");
    }

    static Infrastructure.Part s3(Path dir) {
        throw new UnsupportedOperationException("no embedded S3 yet: set TRIBUTARY_S3_ENDPOINT");
    }
}
