package org.tributary.storage;

import io.minio.CopyObjectArgs;
import io.minio.SourceObject;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
 * an upload URL is ever signed for); on first use the bytes are read once, hashed, and — when they match — stored
 * under {@code <sha256>}: the bytes read are written there (up to {@link #STORE_READ_UP_TO}), or a larger upload is
 * copied server-side on the condition that it did not change since it was read. A file whose
 * content does not match its hash is deleted and never enters a package, and a stored object cannot be overwritten
 * through an old upload URL.
 */
public final class Admission {

    public static final String INCOMING = "incoming/";
    private static final int TRIES = 3;
    /**
     * An upload of at most this many bytes is kept in memory while it is hashed and stored by a PUT of those bytes;
     * a larger one is copied server-side.
     */
    static final int STORE_READ_UP_TO = 1024 * 1024;

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
        return admit(minio, bucket, sha256, null, 0).outcome();
    }

    /**
     * One object: stored already, missing, or its upload read once (on the condition that it still has the entity
     * tag it was looked up with), hashed, and stored under the hash: the bytes read, or for a large upload a
     * server-side copy ({@link #copied}), so that bytes other than those hashed never stay under the hash.
     *
     * @param uploadEtag the upload's entity tag as just looked up (the object then known not to be stored), or null
     *                   to look both up here
     * @param keepUpTo   the bytes of an upload of at most this size are kept in the answer
     */
    static Admitted.One admit(MinioClient minio, String bucket, String sha256, String uploadEtag, int keepUpTo)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            String etag = attempt == 1 ? uploadEtag : null;
            if (etag == null) {
                if (stat(minio, bucket, sha256) != null) {
                    return Admitted.One.STORED;
                }
                StatObjectResponse upload = stat(minio, bucket, incomingKey(sha256));
                if (upload == null) {
                    // another admission may have stored it and removed the upload since the first look
                    return stat(minio, bucket, sha256) != null ? Admitted.One.STORED : Admitted.One.MISSING;
                }
                etag = unquoted(upload.etag());
            }
            Read read;
            String contentType;
            try (GetObjectResponse in = minio.getObject(GetObjectArgs.builder().bucket(bucket)
                    .object(incomingKey(sha256)).matchETag(etag).build())) {
                contentType = in.headers().get("Content-Type");
                read = Read.of(in, Math.max(keepUpTo, STORE_READ_UP_TO));
            } catch (ErrorResponseException e) {
                if (changed(e) && attempt < TRIES) {
                    continue;
                }
                throw e;
            }
            if (!read.sha256().equals(sha256)) {
                minio.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(incomingKey(sha256)).build());
                return Admitted.One.MISMATCH;
            }
            if (read.bytes() != null) {
                // the very bytes that were hashed are stored: nothing that happens to the upload meanwhile matters
                PutObjectArgs.Builder put = PutObjectArgs.builder().bucket(bucket).object(sha256)
                        .stream(new ByteArrayInputStream(read.bytes()), read.size(), -1L);
                if (contentType != null) {
                    put.contentType(contentType);
                }
                minio.putObject(put.build());
            } else if (!copied(minio, bucket, sha256, read.size(), etag)) {
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
            return new Admitted.One(Outcome.STORED,
                    read.bytes() != null && read.size() <= keepUpTo ? read.bytes() : null);
        }
    }

    /**
     * Copies a large upload under its hash server-side, on the condition that it still has the entity tag it had
     * when it was read ({@code x-amz-copy-source-if-match}; with the size and tag given, the client sends no HEAD of
     * its own first); the copy's own tag is checked as well. False when the upload changed: then nothing is left
     * under the hash by this copy.
     */
    private static boolean copied(MinioClient minio, String bucket, String sha256, long size, String etag)
            throws Exception {
        SourceObject source = new SourceObject(SourceObject.builder().bucket(bucket).object(incomingKey(sha256))
                .build(), size, etag);
        String copied;
        try {
            copied = unquoted(minio.copyObject(CopyObjectArgs.builder().bucket(bucket).object(sha256)
                    .source(source).build()).etag());
        } catch (ErrorResponseException e) {
            if (changed(e)) {
                return false;
            }
            throw e;
        }
        if (!copied.equals(etag)) {
            // the upload changed between the read and the copy: the copy is taken back before anything names it
            minio.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(sha256).build());
            return false;
        }
        return true;
    }

    static String unquoted(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }

    /**
     * The outcome for each of {@code hashes}: stored ones and upload-less ones are told by looking them all up at
     * once; only those uploaded since are read and hashed, one by one.
     */
    public static Map<String, Outcome> admitAll(MinioClient minio, MinioAsyncClient lookups, String bucket,
                                                Collection<String> hashes) throws Exception {
        return admitAll(minio, lookups, bucket, hashes, Set.of(), 0).outcomes();
    }

    /**
     * {@link #admitAll(MinioClient, MinioAsyncClient, String, Collection)}, keeping the bytes of those of
     * {@code keep} that were read to be admitted now and hold at most {@code keepUpTo} bytes, so that a caller who
     * needs their content (a job's output label and fields) does not read them again.
     */
    public static Admitted admitAll(MinioClient minio, MinioAsyncClient lookups, String bucket,
                                    Collection<String> hashes, Set<String> keep, int keepUpTo) throws Exception {
        // each hash's place is taken in the order asked; its outcome is filled in below
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        Map<String, byte[]> contents = new LinkedHashMap<>();
        Set<String> stored = Lookups.present(lookups, bucket, hashes);
        List<String> others = new ArrayList<>();
        for (String hash : new LinkedHashSet<>(hashes)) {
            outcomes.put(hash, stored.contains(hash) ? Outcome.STORED : null);
            if (!stored.contains(hash)) {
                others.add(hash);
            }
        }
        Map<String, String> uploaded = Lookups.etags(lookups, bucket,
                others.stream().map(Admission::incomingKey).toList());
        List<String> neither = new ArrayList<>();
        for (String hash : others) {
            String etag = uploaded.get(incomingKey(hash));
            if (etag == null) {
                neither.add(hash);
                continue;
            }
            Admitted.One one = admit(minio, bucket, hash, etag, keep.contains(hash) ? keepUpTo : 0);
            outcomes.put(hash, one.outcome());
            if (one.bytes() != null) {
                contents.put(hash, one.bytes());
            }
        }
        // An admission elsewhere stores the object before it removes the upload: one whose upload was gone when it
        // was looked for, after it was not stored yet, may be stored now. Looked up again, it is not missed.
        Set<String> storedSince = neither.isEmpty() ? Set.of() : Lookups.present(lookups, bucket, neither);
        for (String hash : neither) {
            outcomes.put(hash, storedSince.contains(hash) ? Outcome.STORED : Outcome.MISSING);
        }
        return new Admitted(outcomes, contents);
    }

    /**
     * What {@link #admitAll(MinioClient, MinioAsyncClient, String, Collection, Set, int)} found, with the bytes it
     * kept by hash.
     */
    public record Admitted(Map<String, Outcome> outcomes, Map<String, byte[]> contents) {

        record One(Outcome outcome, byte[] bytes) {
            static final One STORED = new One(Outcome.STORED, null);
            static final One MISSING = new One(Outcome.MISSING, null);
            static final One MISMATCH = new One(Outcome.MISMATCH, null);
        }
    }

    /** An upload as read: its hash, its size, and its bytes when they were few enough to keep. */
    private record Read(String sha256, long size, byte[] bytes) {

        static Read of(InputStream in, int keepUpTo) throws Exception {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteArrayOutputStream kept = keepUpTo > 0 ? new ByteArrayOutputStream() : null;
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                size += n;
                if (kept != null) {
                    if (size <= keepUpTo) {
                        kept.write(buffer, 0, n);
                    } else {
                        kept = null;
                    }
                }
            }
            return new Read(HexFormat.of().formatHex(digest.digest()), size, kept == null ? null : kept.toByteArray());
        }
    }

    static String sha256(InputStream in) throws Exception {
        return Read.of(in, 0).sha256();
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
