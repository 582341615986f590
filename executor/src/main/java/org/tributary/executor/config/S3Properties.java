package org.tributary.executor.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The S3 server holding every project's files ({@code tributary.s3.*}). */
@ConfigurationProperties("tributary.s3")
public record S3Properties(String endpoint, String accessKey, String secretKey, String region) {

    public S3Properties {
        if (endpoint == null || endpoint.isBlank()) {
            endpoint = "http://127.0.0.1:9000";
        }
        if (region == null || region.isBlank()) {
            region = "us-east-1";
        }
    }
}
