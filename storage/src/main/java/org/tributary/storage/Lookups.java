package org.tributary.storage;

import io.minio.MinioAsyncClient;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Many existence checks at once: sent side by side on the async client's connection pool, no thread each. */
public final class Lookups {

    private Lookups() {
    }

    /** Which of {@code keys} the bucket holds. */
    public static Set<String> present(MinioAsyncClient lookups, String bucket, Collection<String> keys)
            throws Exception {
        return new HashSet<>(etags(lookups, bucket, keys).keySet());
    }

    /** The entity tag (unquoted) of each of {@code keys} the bucket holds; keys it does not hold are left out. */
    public static Map<String, String> etags(MinioAsyncClient lookups, String bucket, Collection<String> keys)
            throws Exception {
        Map<String, CompletableFuture<String>> pending = new LinkedHashMap<>();
        for (String key : new LinkedHashSet<>(keys)) {
            pending.put(key, lookups.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build())
                    .handle((stat, failure) -> {
                        if (failure == null) {
                            return Admission.unquoted(stat.etag());
                        }
                        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                        if (cause instanceof ErrorResponseException e && Admission.missing(e)) {
                            return null;
                        }
                        throw new CompletionException(cause);
                    }));
        }
        Map<String, String> present = new LinkedHashMap<>();
        for (Map.Entry<String, CompletableFuture<String>> lookup : pending.entrySet()) {
            try {
                String etag = lookup.getValue().get(1, TimeUnit.MINUTES);
                if (etag != null) {
                    present.put(lookup.getKey(), etag);
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        return present;
    }
}
