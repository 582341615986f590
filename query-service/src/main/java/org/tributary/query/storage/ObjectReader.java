package org.tributary.query.storage;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import org.springframework.stereotype.Component;

import java.io.InputStream;

/** Reads stored objects for what the service itself serves (the package archive); clients get presigned URLs. */
@Component
public class ObjectReader {

    private final MinioClient client;

    public ObjectReader(S3Properties properties) {
        this.client = MinioClient.builder()
                .endpoint(properties.endpoint())
                .credentials(properties.accessKey(), properties.secretKey())
                .region(properties.region())
                .build();
    }

    public InputStream open(long projectId, String sha256) {
        try {
            return client.getObject(GetObjectArgs.builder().bucket(ObjectLinks.bucket(projectId)).object(sha256)
                    .build());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read object " + sha256 + " of project " + projectId, e);
        }
    }
}
