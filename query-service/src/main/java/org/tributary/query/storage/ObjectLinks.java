package org.tributary.query.storage;

import org.tributary.storage.Admission;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.MinioClient;
import io.minio.errors.MinioException;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Presigned download URLs for stored objects. The service never moves file bytes itself: clients fetch them from
 * S3 directly. Presigning is local computation (the region is configured, so the client asks the server nothing).
 */
@Component
public class ObjectLinks {

    private final MinioClient client;
    private final int expirySeconds;

    public ObjectLinks(S3Properties properties) {
        this.client = MinioClient.builder()
                .endpoint(properties.signingEndpoint())
                .credentials(properties.accessKey(), properties.secretKey())
                .region(properties.region())
                .build();
        this.expirySeconds = (int) Math.max(1, Math.min(properties.urlExpiry().toSeconds(), TimeUnit.DAYS.toSeconds(7)));
    }

    /** The bucket of one project: every file of the project lives there, keyed by its SHA-256. */
    public static String bucket(long projectId) {
        return Admission.bucket(projectId);
    }

    /** A URL that GETs the object with this hash from the project's bucket, without any further credentials. */
    public String download(long projectId, String sha256) {
        return download(projectId, sha256, null);
    }

    /**
     * As {@link #download(long, String)}, and a browser that opens the URL saves the bytes under {@code fileName}
     * (objects are stored by hash: without it they would be saved under their hash).
     */
    public String download(long projectId, String sha256, String fileName) {
        try {
            GetPresignedObjectUrlArgs.Builder args = GetPresignedObjectUrlArgs.builder()
                    .method(Http.Method.GET)
                    .bucket(bucket(projectId))
                    .object(sha256)
                    .expiry(expirySeconds);
            if (fileName != null && !fileName.isBlank()) {
                args.extraQueryParams(Map.of("response-content-disposition", ContentDisposition.attachment(fileName)));
            }
            return client.getPresignedObjectUrl(args.build());
        } catch (MinioException e) {
            throw new IllegalStateException("cannot presign object " + sha256 + " of project " + projectId, e);
        }
    }
}
