package org.tributary.command.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.messages.DeleteRequest;
import io.minio.messages.DeleteResult;
import io.minio.messages.Item;
import io.minio.messages.ListAllMyBucketsResult;
import io.minio.errors.ErrorResponseException;
import io.minio.Http;
import org.springframework.stereotype.Component;
import org.tributary.storage.Admission;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Project files in S3: one bucket per project, objects keyed by the SHA-256 of their content, so a content is
 * stored once however many packages name it. Bytes travel through presigned URLs; only node files (small scripts)
 * pass through this service.
 */
@Component
public class ObjectStore {

    private final MinioClient client;
    /** For many look-ups at once: sent side by side on one connection pool, no thread each. */
    private final MinioAsyncClient lookups;
    /** Signs URLs for the host clients reach; never sends a request (the region is given, so none is looked up). */
    private final MinioClient signer;
    private final S3Properties properties;
    private final Set<String> knownBuckets = ConcurrentHashMap.newKeySet();

    public ObjectStore(S3Properties properties) {
        this.properties = properties;
        this.client = MinioClient.builder()
                .endpoint(properties.endpoint())
                .credentials(properties.accessKey(), properties.secretKey())
                .region(properties.region())
                .build();
        this.lookups = MinioAsyncClient.builder()
                .endpoint(properties.endpoint())
                .credentials(properties.accessKey(), properties.secretKey())
                .region(properties.region())
                .build();
        this.signer = properties.signingEndpoint().equals(properties.endpoint()) ? client : MinioClient.builder()
                .endpoint(properties.signingEndpoint())
                .credentials(properties.accessKey(), properties.secretKey())
                .region(properties.region())
                .build();
    }

    public static String bucket(long projectId) {
        return Admission.bucket(projectId);
    }

    /**
     * Stores an uploaded object under its hash if its bytes match it ({@link Admission}): a file whose content does
     * not match its SHA-256 never enters a package.
     */
    public Admission.Outcome admit(long projectId, String sha256) {
        try {
            return Admission.admit(client, bucket(projectId), sha256);
        } catch (Exception e) {
            throw new StorageUnavailable("cannot verify object " + sha256, e);
        }
    }

    /** {@link #admit} for many objects: all looked up at once, only new uploads read (see {@link Admission#admitAll}). */
    public Map<String, Admission.Outcome> admitAll(long projectId, Collection<String> hashes) {
        try {
            return Admission.admitAll(client, lookups, bucket(projectId), hashes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailable("interrupted while looking up objects", e);
        } catch (Exception e) {
            throw new StorageUnavailable("cannot look up objects", e);
        }
    }

    public void ensureBucket(long projectId) {
        String bucket = bucket(projectId);
        if (knownBuckets.contains(bucket)) {
            return;
        }
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
        } catch (ErrorResponseException e) {
            // another instance made it between our check and our make
            if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())
                    && !"BucketAlreadyExists".equals(e.errorResponse().code())) {
                throw new StorageUnavailable("cannot create bucket " + bucket, e);
            }
        } catch (Exception e) {
            throw new StorageUnavailable("cannot create bucket " + bucket, e);
        }
        knownBuckets.add(bucket);
    }

    public boolean exists(long projectId, String sha256) {
        try {
            client.statObject(StatObjectArgs.builder().bucket(bucket(projectId)).object(sha256).build());
            return true;
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if ("NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NoSuchBucket".equals(code)) {
                return false;
            }
            throw new StorageUnavailable("cannot look up object " + sha256, e);
        } catch (Exception e) {
            throw new StorageUnavailable("cannot look up object " + sha256, e);
        }
    }

    /** A URL to PUT the bytes to: under {@code incoming/}, never where a stored object lives. */
    public String presignedUpload(long projectId, String sha256) {
        try {
            return signer.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(Http.Method.PUT)
                    .bucket(bucket(projectId))
                    .object(Admission.incomingKey(sha256))
                    .expiry((int) properties.urlExpiry().toSeconds())
                    .build());
        } catch (Exception e) {
            throw new StorageUnavailable("cannot presign an upload of " + sha256, e);
        }
    }

    public void put(long projectId, String sha256, byte[] content, String contentType) {
        try {
            client.putObject(PutObjectArgs.builder()
                    .bucket(bucket(projectId))
                    .object(sha256)
                    .stream(new ByteArrayInputStream(content), (long) content.length, -1L)
                    .contentType(contentType)
                    .build());
        } catch (Exception e) {
            throw new StorageUnavailable("cannot store object " + sha256, e);
        }
    }

    /** An object as a listing shows it. */
    public record StoredObject(String key, long size, Instant lastModified) {
    }

    /** The projects that have a bucket, by the bucket's name. */
    public List<Long> projectsWithBuckets() {
        String prefix = Admission.bucket(0).substring(0, Admission.bucket(0).length() - 1);
        try {
            List<Long> projects = new ArrayList<>();
            for (ListAllMyBucketsResult.Bucket bucket : client.listBuckets()) {
                String name = bucket.name();
                if (name.startsWith(prefix) && name.substring(prefix.length()).matches("[0-9]{1,18}")) {
                    projects.add(Long.parseLong(name.substring(prefix.length())));
                }
            }
            return projects;
        } catch (Exception e) {
            throw new StorageUnavailable("cannot list the buckets", e);
        }
    }

    /** Every object of the project's bucket, uploads not yet admitted ({@code incoming/…}) included. */
    public List<StoredObject> objects(long projectId) {
        try {
            List<StoredObject> objects = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket(projectId))
                    .recursive(true).build())) {
                Item item = result.get();
                objects.add(new StoredObject(item.objectName(), item.size(),
                        item.lastModified() == null ? Instant.EPOCH : item.lastModified().toInstant()));
            }
            return objects;
        } catch (Exception e) {
            throw new StorageUnavailable("cannot list the objects of project " + projectId, e);
        }
    }

    public void remove(long projectId, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        try {
            for (Result<DeleteResult.Error> result : client.removeObjects(RemoveObjectsArgs.builder()
                    .bucket(bucket(projectId)).objects(keys.stream().map(DeleteRequest.Object::new).toList())
                    .build())) {
                DeleteResult.Error error = result.get();
                throw new StorageUnavailable("cannot delete " + error.objectName() + ": " + error.message(), null);
            }
        } catch (StorageUnavailable e) {
            throw e;
        } catch (Exception e) {
            throw new StorageUnavailable("cannot delete objects of project " + projectId, e);
        }
    }

    /** Removes the (emptied) bucket of a deleted project. */
    public void removeBucket(long projectId) {
        try {
            client.removeBucket(RemoveBucketArgs.builder().bucket(bucket(projectId)).build());
            knownBuckets.remove(bucket(projectId));
        } catch (Exception e) {
            throw new StorageUnavailable("cannot remove the bucket of project " + projectId, e);
        }
    }

    /** S3 did not answer as it should: the request may be retried, nothing was written. */
    public static class StorageUnavailable extends RuntimeException {
        public StorageUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
