package org.tributary.command.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

@ConfigurationProperties("tributary.s3")
public record S3Properties(String endpoint, String accessKey, String secretKey, String region, Duration urlExpiry) {

    public S3Properties {
        if (region == null || region.isBlank()) {
            region = "us-east-1";
        }
        if (urlExpiry == null) {
            urlExpiry = Duration.ofHours(1);
        }
    }
}
