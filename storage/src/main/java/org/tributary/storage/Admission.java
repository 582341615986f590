package org.tributary.storage;

import io.minio.CopyObjectArgs;
import io.minio.SourceObject;
import io.minio.GetObjectArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The storage contract of a project's bucket ({@code tributary-project-<id>}): an object lives under the SHA-256 of
 * its content, and gets there only through here. Clients and jobs upload to {@code incoming/<sha256>} (the only key
 * an upload URL is ever signed for); on first use the bytes are read once, hashed, and — when they match — copied
 * server-side under {@code <sha256>}, on the condition that they did not change since they were read. A file whose
 * content does not match its hash is deleted and never enters a package, and a stored object cannot be overwritten
 * through an old upload URL.
 */
public final class Admission {

    public static final String INCOMING = "incoming/";
    private static final int TRIES = 3;

    /** What became of an object named by its hash. */
    public enum Outcome {
        /** Stored under its hash, now or before. */
        STORED,
        /** Neither stored nor uploaded. */
        MISSING,
        /** Uploaded with other bytes than its hash says; the upload is deleted. */
        MISMATCH
    }

    private Admission() {
    }

    public static String bucket(long projectId) {
        return "tributary-project-" + projectId;
    }

    public static String incomingKey(String sha256) {
        return INCOMING + sha256;
    }

    /** Admits the object {@code sha256} of the bucket, if it is uploaded and its bytes hash to it. */
    public static Outcome admit(MinioClient minio, String bucket, String sha256) throws Exception {
        for (int attempt = 1; ; attempt++) {
            if (stat(minio, bucket, sha256) != null) {
                return Outcome.STORED;
            }
            StatObjectResponse upload = stat(minio, bucket, incomingKey(sha256));
            if (upload == null) {
                return Outcome.MISSING;
            }
            String etag = unquoted(upload.etag());
            String actual;
            try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(bucket).object(incomingKey(sha256))
                    .matchETag(etag).build())) {
                actual = sha256(in);
            } catch (ErrorResponseException e) {
                if (changed(e) && attempt < TRIES) {
                    continue;
                }
                throw e;
            }
            if (!actual.equals(sha256)) {
                minio.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(incomingKey(sha256)).build());
                return Outcome.MISMATCH;
            }
            // the copy keeps the entity tag of what it copied: another one means the upload changed after it was
            // hashed, and the copy is taken back before anything names it
            minio.copyObject(CopyObjectArgs.builder().bucket(bucket).object(sha256)
                    .source(SourceObject.builder().bucket(bucket).object(incomingKey(sha256)).build()).build());
            StatObjectResponse copied = stat(minio, bucket, sha256);
            if (copied == null || !unquoted(copied.etag()).equals(etag)) {
                minio.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(sha256).build());
                if (attempt < TRIES) {
                    continue;
                }
                throw new IllegalStateException("the upload of " + sha256 + " kept changing while it was verified");
            }
            try {
                minio.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(incomingKey(sha256)).build());
            } catch (ErrorResponseException e) {
                // the upload stays behind; it is only ever read as a candidate, and admitted objects win
            }
            return Outcome.STORED;
        }
    }

    private static String unquoted(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }

    /**
     * The outcome for each of {@code hashes}: stored ones and upload-less ones are told by looking them all up at
     * once; only those uploaded since are read and hashed, one by one.
     */
    public static Map<String, Outcome> admitAll(MinioClient minio, MinioAsyncClient lookups, String bucket,
                                                Collection<String> hashes) throws Exception {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        Set<String> stored = Lookups.present(lookups, bucket, hashes);
        List<String> others = new ArrayList<>();
        for (String hash : new LinkedHashSet<>(hashes)) {
            if (stored.contains(hash)) {
                outcomes.put(hash, Outcome.STORED);
            } else {
                others.add(hash);
            }
        }
        Set<String> uploaded = Lookups.present(lookups, bucket, others.stream().map(Admission::incomingKey).toList());
        for (String hash : others) {
            outcomes.put(hash, uploaded.contains(incomingKey(hash)) ? admit(minio, bucket, hash) : Outcome.MISSING);
        }
        return outcomes;
    }

    static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static StatObjectResponse stat(MinioClient minio, String bucket, String key) throws Exception {
        try {
            return minio.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (ErrorResponseException e) {
            if (missing(e)) {
                return null;
            }
            throw e;
        }
    }

    public static boolean missing(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NoSuchBucket".equals(code);
    }

    private static boolean changed(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "PreconditionFailed".equals(code) || missing(e);
    }
}
