package org.tributary.command.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The S3 server that holds project files.
 *
 * @param endpoint       the server's URL, as this service reaches it
 * @param publicEndpoint the URL clients reach it at, when it differs (a cluster's internal name is no use to a
 *                       browser): upload URLs are signed for its host, since the signature covers the Host header
 * @param urlExpiry      how long a presigned upload URL stays valid
 */
@ConfigurationProperties("tributary.s3")
public record S3Properties(String endpoint, String publicEndpoint, String accessKey, String secretKey, String region,
                           Duration urlExpiry) {

    public S3Properties {
        if (region == null || region.isBlank()) {
            region = "us-east-1";
        }
        if (urlExpiry == null) {
            urlExpiry = Duration.ofHours(1);
        }
    }

    public String signingEndpoint() {
        return publicEndpoint == null || publicEndpoint.isBlank() ? endpoint : publicEndpoint;
    }
}
