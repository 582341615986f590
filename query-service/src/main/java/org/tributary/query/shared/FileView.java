package org.tributary.query.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.tributary.domain.shared.FileRef;

/**
 * A file descriptor as the job contract writes it. {@code content} is a presigned GET URL where the client is
 * meant to download (file endpoints, job details); it is left out of listings and of the stored form.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FileView(String name,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String content,
                       String contentHash,
                       long size,
                       boolean isExecutable,
                       String type) {

    public static FileView of(FileRef file) {
        return new FileView(file.name(), null, file.sha256(), file.size(), file.executable(), file.contentType());
    }

    /** The original platform's {@code is_binary}, from the content type ({@link ContentTypes}); never read back. */
    @com.fasterxml.jackson.annotation.JsonProperty(value = "is_binary",
            access = com.fasterxml.jackson.annotation.JsonProperty.Access.READ_ONLY)
    public boolean isBinary() {
        return ContentTypes.binary(type);
    }

    public FileView withContent(String url) {
        return new FileView(name, url, contentHash, size, isExecutable, type);
    }
}
