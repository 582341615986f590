package org.tributary.query.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The S3 server that holds package, node and job files.
 *
 * @param endpoint       the server's URL
 * @param publicEndpoint the URL clients reach it at, when it differs: presigned URLs are signed for their host
 * @param urlExpiry      how long a presigned download URL stays valid
 */
@ConfigurationProperties("tributary.s3")
public record S3Properties(@DefaultValue("http://127.0.0.1:9000") String endpoint,
                           String publicEndpoint,
                           @DefaultValue("minioadmin") String accessKey,
                           @DefaultValue("minioadmin") String secretKey,
                           @DefaultValue("us-east-1") String region,
                           @DefaultValue("1h") Duration urlExpiry) {

    public String signingEndpoint() {
        return publicEndpoint == null || publicEndpoint.isBlank() ? endpoint : publicEndpoint;
    }
}
