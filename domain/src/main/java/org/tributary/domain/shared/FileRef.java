package org.tributary.domain.shared;

/**
 * A file of a package, a node or a job: its name and the SHA-256 of its content, which lives in S3 under that hash.
 *
 * @param name        relative path, e.g. {@code data.csv} or {@code out/1/files/result.h5}
 * @param sha256      content hash, 64 lower-case hex digits
 * @param size        bytes
 * @param executable  whether the runner sets the executable bit when it writes the file
 * @param contentType MIME type, {@code application/octet-stream} when unknown
 */
public record FileRef(String name, String sha256, long size, boolean executable, String contentType) {

    public FileRef {
        Check.relativePath("name", name);
        Check.sha256("content_hash", sha256);
        if (size < 0) {
            throw new InvalidInput("size", "size must not be negative");
        }
        if (contentType == null || contentType.isBlank()) {
            contentType = "application/octet-stream";
        }
        Check.notBlank("type", contentType, 255);
    }

    public FileRef renamed(String newName) {
        return new FileRef(newName, sha256, size, executable, contentType);
    }
}
