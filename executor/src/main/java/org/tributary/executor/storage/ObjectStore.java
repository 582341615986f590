package org.tributary.executor.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.Http.Method;

import org.tributary.storage.Admission;

import java.io.InputStream;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The project buckets ({@code tributary-project-<projectId>}), objects keyed by the SHA-256 of their content.
 * Jobs move bytes through presigned URLs; the executor itself reads only the small label and fields files.
 */
public class ObjectStore {

    private final MinioClient minio;
    /** For many look-ups at once: sent side by side on one connection pool, no thread each. */
    private final MinioAsyncClient lookups;
    private final int expirySeconds;
    private final Set<String> knownBuckets = ConcurrentHashMap.newKeySet();

    public ObjectStore(MinioClient minio, MinioAsyncClient lookups, Duration presignExpiry) {
        this.minio = minio;
        this.lookups = lookups;
        this.expirySeconds = (int) Math.min(presignExpiry.toSeconds(), 7 * 24 * 3600);
    }

    public static String bucket(long projectId) {
        return Admission.bucket(projectId);
    }

    /** Stores an uploaded object under its hash if its bytes match it ({@link Admission}). */
    public Admission.Outcome admit(long projectId, String sha256) {
        try {
            return Admission.admit(minio, bucket(projectId), sha256);
        } catch (Exception e) {
            throw new StorageFailure("cannot verify object " + sha256, e);
        }
    }

    /** A URL that GETs the object with no credentials. */
    public String downloadUrl(long projectId, String sha256) {
        return presign(Method.GET, projectId, sha256);
    }

    /**
     * A URL that PUTs the object with no credentials, under {@code incoming/} (never where a stored object lives);
     * the bucket is made first if it is missing.
     */
    public String uploadUrl(long projectId, String sha256) {
        ensureBucket(projectId);
        return presign(Method.PUT, projectId, Admission.incomingKey(sha256));
    }

    public boolean exists(long projectId, String sha256) {
        try {
            minio.statObject(StatObjectArgs.builder().bucket(bucket(projectId)).object(sha256).build());
            return true;
        } catch (ErrorResponseException e) {
            if (isMissing(e)) {
                return false;
            }
            throw new StorageFailure("cannot look up object " + sha256, e);
        } catch (Exception e) {
            throw new StorageFailure("cannot look up object " + sha256, e);
        }
    }

    /**
     * {@link #admit} for many objects: all looked up at once, only uploads made since the last ask read and hashed
     * (see {@link Admission#admitAll}).
     */
    public Map<String, Admission.Outcome> admitAll(long projectId, Collection<String> hashes) {
        return admitAll(projectId, hashes, Set.of(), 0).outcomes();
    }

    /**
     * {@link #admitAll(long, Collection)}, keeping the bytes of those of {@code keep} that are admitted now and hold
     * at most {@code keepUpTo} bytes (see {@link Admission#admitAll(MinioClient, MinioAsyncClient, String,
     * Collection, Set, int)}).
     */
    public Admission.Admitted admitAll(long projectId, Collection<String> hashes, Set<String> keep, int keepUpTo) {
        try {
            return Admission.admitAll(minio, lookups, bucket(projectId), hashes, keep, keepUpTo);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageFailure("interrupted while looking up objects", e);
        } catch (Exception e) {
            throw new StorageFailure("cannot look up objects", e);
        }
    }

    /** Which of these objects the project stores, an upload made since the last ask admitted now. */
    public Set<String> stored(long projectId, Collection<String> hashes) {
        Set<String> stored = new HashSet<>();
        admitAll(projectId, hashes).forEach((hash, outcome) -> {
            if (outcome == Admission.Outcome.STORED) {
                stored.add(hash);
            }
        });
        return stored;
    }

    /**
     * Stores bytes the executor itself holds (a job's output when its runner could not upload it) under their
     * SHA-256, computed here; answers the hash.
     */
    public String put(long projectId, byte[] bytes) {
        ensureBucket(projectId);
        String sha256;
        try {
            sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try {
            minio.putObject(io.minio.PutObjectArgs.builder().bucket(bucket(projectId)).object(sha256)
                    .stream(new java.io.ByteArrayInputStream(bytes), (long) bytes.length, -1L).build());
            return sha256;
        } catch (Exception e) {
            throw new StorageFailure("cannot store object " + sha256, e);
        }
    }

    /** The object's bytes, at most {@code maxBytes} of them. */
    public byte[] read(long projectId, String sha256, int maxBytes) {
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(bucket(projectId)).object(sha256).build())) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new StorageFailure("object " + sha256 + " is larger than " + maxBytes + " bytes", null);
            }
            return bytes;
        } catch (StorageFailure e) {
            throw e;
        } catch (ErrorResponseException e) {
            if (isMissing(e)) {
                throw new Missing("object " + sha256 + " is not in " + bucket(projectId));
            }
            throw new StorageFailure("cannot read object " + sha256, e);
        } catch (Exception e) {
            throw new StorageFailure("cannot read object " + sha256, e);
        }
    }

    private void ensureBucket(long projectId) {
        String bucket = bucket(projectId);
        if (knownBuckets.contains(bucket)) {
            return;
        }
        try {
            if (!minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                try {
                    minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                } catch (ErrorResponseException e) {
                    // another service made it at the same moment
                    if (!e.errorResponse().code().startsWith("BucketAlready")) {
                        throw e;
                    }
                }
            }
            knownBuckets.add(bucket);
        } catch (Exception e) {
            throw new StorageFailure("cannot make bucket " + bucket, e);
        }
    }

    private String presign(Method method, long projectId, String sha256) {
        try {
            return minio.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(method)
                    .bucket(bucket(projectId)).object(sha256).expiry(expirySeconds).build());
        } catch (Exception e) {
            throw new StorageFailure("cannot presign object " + sha256, e);
        }
    }

    private static boolean isMissing(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchBucket".equals(code) || "NoSuchObject".equals(code);
    }

    /** S3 failed; worth a retry. */
    public static class StorageFailure extends RuntimeException {
        StorageFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }


    /** The object is not stored. */
    public static class Missing extends StorageFailure {
        Missing(String message) {
            super(message, null);
        }
    }
}
